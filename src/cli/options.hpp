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
#include "model/process.hpp"

namespace ctguard {

struct GlobalOptions {
    std::string netns;
    bool json = false;
    std::string root;
    bool wide = false;
    RootDir root_dir() const { return RootDir{root}; }
    // Columns that prose (reasons, steps) wraps to: $COLUMNS, else the terminal's width, else 80;
    // unlimited with --wide. JSON is never wrapped.
    size_t text_width() const;
};

// A subcommand and what runs when it was chosen. run() returns the exit code.
struct Command {
    CLI::App* app = nullptr;
    std::function<Result<int>()> run;
};

// The filter flags of docs/CLI.md (FilterArgs, model/filter.hpp, validated by build_filter()).
void add_filter_options(CLI::App* cmd, FilterArgs& args);

// CLI11 reads "-1" into an unsigned option as a huge number: unsigned options go through this
// transform, which also drops the thousands separators of "29,000".
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
// --watch on a terminal: a progress line on stderr, rewritten after each look ("watching 12 of 30 s:
// 340 processes seen, 5 started"); empty when stderr is not a terminal. end_progress() erases it.
std::function<void(const WatchProgress&)> progress_on_terminal();
void end_progress();
// Flushes stdout: a write that failed (a full disk, a closed pipe) is an error (exit 74), so a
// textfile or a report is never silently cut short.
Result<void> flush_stdout();

}  // namespace ctguard
