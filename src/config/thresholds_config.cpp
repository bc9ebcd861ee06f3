#include "config/thresholds_config.hpp"

namespace ctguard {

namespace {

constexpr uint64_t kMaxThreshold = UINT32_MAX;  // the kernel counts entries in 32 bits

}  // namespace

Result<void> read_thresholds(const TomlReader& r, const toml::table& t, const std::string& prefix,
                             Thresholds& thresholds, double& recover_after) {
    // An order mistake is reported at the last threshold written here, or at the table when the
    // mistake comes from the defaults alone.
    toml::source_region where = t.source();
    struct Field {
        const char* key;
        uint64_t* value;
    } fields[] = {{"warn", &thresholds.warn}, {"cap", &thresholds.cap}, {"suspend", &thresholds.suspend}};
    for (auto& f : fields) {
        if (const auto* n = t.get(f.key)) {
            auto v = r.count(*n, prefix + f.key, 1, kMaxThreshold);
            if (!v) return v.error();
            *f.value = *v;
            where = n->source();
        }
    }
    if (const auto* n = t.get("for")) {
        auto v = r.seconds(*n, prefix + "for", 0, 86400);
        if (!v) return v.error();
        recover_after = *v;
    }

    const auto& th = thresholds;
    if (th.warn > th.cap) {
        return r.error(where, prefix + "warn",
                       "warn (" + std::to_string(th.warn) + ") is above cap (" + std::to_string(th.cap) + ")",
                       "thresholds must be ordered warn <= cap <= suspend");
    }
    if (th.cap > th.suspend) {
        return r.error(
            where, prefix + "cap",
            "cap (" + std::to_string(th.cap) + ") is above suspend (" + std::to_string(th.suspend) + ")",
            "thresholds must be ordered warn <= cap <= suspend");
    }
    return {};
}

}  // namespace ctguard
