#pragma once
// `ctguard top --live`: the ncurses edge of the live view. It reads keys, keeps a live table (one
// dump, then events) and draws what report/live_top_render lays out; every decision is in
// analysis/live_top and the renderer, where unit tests see it.
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "model/top.hpp"

namespace ctguard {

struct TopLiveArgs {
    std::vector<TopKey> by;
    FilterArgs filter;
    double interval = 1;  // seconds between refreshes
};

// Refuses (64) without a terminal on stdin and stdout. Returns 0 after q or Ctrl-C.
Result<int> run_top_live(const GlobalOptions& g, const TopLiveArgs& args);

}  // namespace ctguard
