#include "model/level.hpp"

namespace ctguard {

std::string_view level_name(Level l) {
    switch (l) {
        case Level::ok:
            return "ok";
        case Level::elevated:
            return "elevated";
        case Level::capped:
            return "capped";
        case Level::critical:
            return "critical";
    }
    return "ok";
}

std::optional<Level> parse_level(std::string_view name) {
    for (Level l : {Level::ok, Level::elevated, Level::capped, Level::critical}) {
        if (level_name(l) == name) return l;
    }
    return std::nullopt;
}

}  // namespace ctguard
