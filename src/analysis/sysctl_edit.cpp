#include "analysis/sysctl_edit.hpp"

#include <algorithm>

#include "analysis/sysctl_conf.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

// A file's text: every line ends in a newline, the last one too.
std::string file_text(const std::vector<std::string>& lines) {
    return lines.empty() ? "" : join(lines, "\n") + "\n";
}

}  // namespace

std::string set_sysctl_value(std::string_view text, const SysctlKey& key, std::string_view value) {
    std::vector<std::string> out;
    bool found = false;
    const std::string line = key.dotted + " = " + std::string(value);
    for (const auto& l : parse_sysctl_text(text)) {
        bool ours = l.kind == SysctlLine::Kind::assignment &&
                    std::find(key.aliases.begin(), key.aliases.end(), l.key) != key.aliases.end();
        out.push_back(ours ? line : l.text);
        found = found || ours;
    }
    if (!found) out.push_back(line);
    return file_text(out);
}

std::string comment_out_lines(std::string_view text, const std::map<unsigned, std::string>& notes) {
    std::vector<std::string> out;
    for (const auto& l : parse_sysctl_text(text)) {
        auto it = notes.find(l.number);
        if (it == notes.end()) {
            out.push_back(l.text);
            continue;
        }
        out.push_back("# ctguard: disabled: " + it->second);
        out.push_back("# " + l.text);
    }
    return file_text(out);
}

}  // namespace ctguard
