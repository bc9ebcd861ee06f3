#pragma once
// `ctguard watch`: one line per interval, text or JSON ({"ts":F,"new":N,"destroy":N,"count":N,"overruns":N}).
#include <nlohmann/json.hpp>
#include <string>

#include "model/top.hpp"

namespace ctguard {

struct WatchLine {
    double ts = 0;        // end of the interval, seconds since the epoch
    double interval = 1;  // seconds
    uint64_t created = 0, destroyed = 0;
    uint64_t count = 0;     // table count re-read from the kernel
    uint64_t overruns = 0;  // event queue overruns in this interval (events were lost)
    TopResult movers;       // sources of new entries
};

nlohmann::json watch_json(const WatchLine& w);
std::string watch_text(const WatchLine& w);

}  // namespace ctguard
