#include "analysis/cap_plan.hpp"

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr std::string_view kIncludeNote = "# ctguard: per-source connection caps (ctguard cap --persist)";

bool has_line(std::string_view text, std::string_view line) {
    for (auto l : split(text, '\n')) {
        if (trim(l) == line) return true;
    }
    return false;
}

std::string without_include(std::string_view text) {
    const std::string include = cap_include_line();
    std::vector<std::string_view> kept;
    for (auto l : split(text, '\n')) {
        if (trim(l) == include) {
            if (!kept.empty() && trim(kept.back()) == kIncludeNote) kept.pop_back();
            continue;
        }
        kept.push_back(l);
    }
    std::string out;
    for (size_t i = 0; i < kept.size(); ++i) {
        out += kept[i];
        if (i + 1 < kept.size()) out += '\n';
    }
    return out;
}

}  // namespace

std::string cap_include_line() {
    return "include \"" + std::string(kCapFile) + "\"";
}

std::vector<FileChange> plan_cap_persist(const std::optional<std::string>& conf,
                                         const std::optional<std::string>& current,
                                         const std::optional<std::string>& ruleset) {
    std::vector<FileChange> out;
    if (current != ruleset) {
        out.push_back(
            {std::string(kCapFile), current, ruleset, false,
             ruleset ? "the caps, loaded at boot through /etc/nftables.conf" : "the persisted caps"});
    }
    if (!conf) return out;
    const bool included = has_line(*conf, cap_include_line());
    if (ruleset && !included) {
        std::string after = *conf;
        if (!after.empty() && !after.ends_with('\n')) after += '\n';
        after += std::string(kIncludeNote) + "\n" + cap_include_line() + "\n";
        out.push_back({std::string(kNftablesConf), conf, after, true, "includes " + std::string(kCapFile)});
    } else if (!ruleset && included) {
        out.push_back({std::string(kNftablesConf), conf, without_include(*conf), true,
                       "no longer includes " + std::string(kCapFile)});
    }
    return out;
}

}  // namespace ctguard
