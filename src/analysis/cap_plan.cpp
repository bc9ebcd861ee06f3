#include "analysis/cap_plan.hpp"

#include "lib/text.hpp"

namespace ctguard {

namespace {

bool has_line(std::string_view text, std::string_view line) {
    for (auto l : split(text, '\n')) {
        if (trim(l) == line) return true;
    }
    return false;
}

std::string without_include(std::string_view text, const NftBootFile& file) {
    const std::string include = nft_include_line(file);
    std::vector<std::string_view> kept;
    for (auto l : split(text, '\n')) {
        if (trim(l) == include) {
            if (!kept.empty() && trim(kept.back()) == file.note) kept.pop_back();
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

std::string nft_include_line(const NftBootFile& file) {
    return "include \"" + std::string(file.path) + "\"";
}

std::vector<FileChange> plan_nft_persist(const std::optional<std::string>& conf,
                                         const std::optional<std::string>& current,
                                         const std::optional<std::string>& ruleset, const NftBootFile& file) {
    std::vector<FileChange> out;
    if (current != ruleset) {
        out.push_back({std::string(file.path), current, ruleset, false,
                       ruleset ? std::string(file.what) + ", loaded at boot through /etc/nftables.conf"
                               : std::string(file.what) + ", no longer loaded at boot"});
    }
    if (!conf) return out;
    const bool included = has_line(*conf, nft_include_line(file));
    if (ruleset && !included) {
        std::string after = *conf;
        if (!after.empty() && !after.ends_with('\n')) after += '\n';
        after += std::string(file.note) + "\n" + nft_include_line(file) + "\n";
        out.push_back({std::string(kNftablesConf), conf, after, true, "includes " + std::string(file.path)});
    } else if (!ruleset && included) {
        out.push_back({std::string(kNftablesConf), conf, without_include(*conf, file), true,
                       "no longer includes " + std::string(file.path)});
    }
    return out;
}

}  // namespace ctguard
