#include "model/sshd_config.hpp"

#include <strings.h>

namespace ctguard {

bool SshdDirective::global() const {
    for (const auto& m : match) {
        if (strcasecmp(m.c_str(), "all") != 0) return false;
    }
    return true;
}

std::string SshdDirective::match_text() const {
    std::string out;
    for (const auto& m : match) {
        if (!out.empty()) out += ", then ";
        out += m;
    }
    return out;
}

const SshdSetting& SshdSettings::setting(const std::string& keyword) const {
    static const SshdSetting empty;
    auto it = values.find(keyword);
    return it == values.end() ? empty : it->second;
}

}  // namespace ctguard
