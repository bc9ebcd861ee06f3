#pragma once
// Command-line pieces shared by several commands: global options, filters, thresholds, output.
#include <CLI/CLI.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/result.hpp"
#include "lib/root_dir.hpp"
#include "model/filter.hpp"
#include "model/level.hpp"

namespace ctguard {

struct GlobalOptions {
    std::string netns;
    bool json = false;
    std::string root;
    RootDir root_dir() const { return RootDir{root}; }
};

// A subcommand and what runs when it was chosen. run() returns the exit code.
struct Command {
    CLI::App* app = nullptr;
    std::function<Result<int>()> run;
};

// The filter flags of docs/CLI.md, as typed; build_filter() validates them.
struct FilterArgs {
    std::vector<std::string> src, dst;
    std::string sport, dport, proto, state, zone, mark;
};
void add_filter_options(CLI::App* cmd, FilterArgs& args);
Result<Filter> build_filter(const FilterArgs& args);

// CLI11 reads "-1" into an unsigned option as a huge number: unsigned options check with this.
extern const CLI::Validator kWholeNumber;

void add_threshold_options(CLI::App* cmd, Thresholds& t);
Result<void> check_thresholds(const Thresholds& t);

// Writes JSON to stdout: indented on a terminal, one line otherwise.
void print_json(const nlohmann::json& j);
void print_text(const std::string& s);
// A command's result as --json asked: print_json(to_json(args...)) or print_text(to_text(args...)).
template <class ToJson, class ToText, class... Args>
void print_result(bool json, ToJson&& to_json, ToText&& to_text, const Args&... args) {
    if (json)
        print_json(to_json(args...));
    else
        print_text(to_text(args...));
}
// One JSON object per line (streams such as watch), whatever the terminal.
void print_json_line(const nlohmann::json& j);

}  // namespace ctguard
