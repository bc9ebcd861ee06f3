#include "model/cap.hpp"

#include <fmt/format.h>
#include <sys/socket.h>

#include <string>

namespace ctguard {

bool CapSpec::operator==(const CapSpec& o) const {
    if (per_source != o.per_source || ports.size() != o.ports.size() || exempt.size() != o.exempt.size())
        return false;
    for (size_t i = 0; i < ports.size(); ++i) {
        if (ports[i].lo != o.ports[i].lo || ports[i].hi != o.ports[i].hi) return false;
    }
    for (size_t i = 0; i < exempt.size(); ++i) {
        if (!(exempt[i].net == o.exempt[i].net) || exempt[i].prefix != o.exempt[i].prefix) return false;
    }
    return true;
}

namespace {

std::string port_text(const PortRange& p) {
    return p.lo == p.hi ? std::to_string(p.lo) : fmt::format("{}-{}", p.lo, p.hi);
}

}  // namespace

std::vector<std::string> cap_port_texts(const CapSpec& s) {
    std::vector<std::string> out;
    for (const auto& p : s.ports) out.push_back(port_text(p));
    return out;
}

std::vector<std::string> cap_exempt_texts(const CapSpec& s, uint8_t family) {
    std::vector<std::string> out;
    for (const auto& c : s.exempt) {
        if (family == 0 || c.net.family == family) out.push_back(to_string(c));
    }
    return out;
}

}  // namespace ctguard
