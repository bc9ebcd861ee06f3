// ctguard debug name-score [NAME...]: the random-name model's verdict, one line per name
// ("NAME<TAB>SCORE<TAB>random|normal"); names from stdin, one per line, when none are given.
#include <fmt/format.h>

#include <iostream>

#include "analysis/name_model.hpp"
#include "cli/commands.hpp"

namespace ctguard {

namespace {

Result<std::string> score_line(const NameModel& model, const std::string& name) {
    if (name.empty()) return Error::usage("name-score", "empty name");
    if (name.size() > 255 || name.find_first_of("\t\r") != std::string::npos) {
        return Error::usage("name-score", "'" + name.substr(0, 40) + "' is not a process name",
                            "names are at most 255 bytes (comm: 15) without tabs");
    }
    return fmt::format("{}\t{:.3f}\t{}\n", name, model.score(name),
                       model.is_random(name) ? "random" : "normal");
}

}  // namespace

Command add_debug_command(CLI::App& app, const GlobalOptions& g) {
    auto* cmd = app.add_subcommand("debug", "internals for testing and tuning");
    cmd->require_subcommand(1);
    auto* score = cmd->add_subcommand("name-score", "score process names with the random-name model");
    auto names = std::make_shared<std::vector<std::string>>();
    score->add_option("NAME", *names, "names to score (stdin, one per line, when none)");
    return {cmd, [&g, names]() -> Result<int> {
                (void)g;
                const NameModel& model = NameModel::builtin();
                std::string out;
                auto one = [&](const std::string& n) -> Result<void> {
                    auto line = score_line(model, n);
                    if (!line) return line.error();
                    out += *line;
                    return {};
                };
                if (!names->empty()) {
                    for (const auto& n : *names) {
                        if (auto r = one(n); !r) return r.error();
                    }
                } else {
                    std::string line;
                    size_t line_no = 0;
                    while (std::getline(std::cin, line)) {
                        ++line_no;
                        if (line.empty()) continue;
                        if (auto r = one(line); !r) {
                            Error e = r.error();
                            e.what = "stdin line " + std::to_string(line_no);
                            return e;
                        }
                    }
                }
                print_text(out);
                return 0;
            }};
}

}  // namespace ctguard
