#include "model/cap.hpp"

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

}  // namespace ctguard
