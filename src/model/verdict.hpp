#pragma once
// `check`'s answer to "why": one of four verdicts, with the reasons that led to it.
#include <string>
#include <string_view>
#include <vector>

namespace ctguard {

enum class VerdictKind { normal, attack, compromise, misconfigured };

inline std::string_view verdict_name(VerdictKind v) {
    switch (v) {
        case VerdictKind::normal:
            return "normal";
        case VerdictKind::attack:
            return "attack";
        case VerdictKind::compromise:
            return "compromise";
        case VerdictKind::misconfigured:
            return "misconfigured";
    }
    return "normal";
}

struct Verdict {
    VerdictKind kind = VerdictKind::normal;
    std::vector<std::string> reasons;  // plain sentences, most important first
};

}  // namespace ctguard
