#include "model/traffic_shape.hpp"

namespace ctguard {

const char* fill_kind_name(FillKind kind) {
    switch (kind) {
        case FillKind::forwarded:
            return "forwarded";
        case FillKind::inbound:
            return "inbound";
        case FillKind::outbound:
            return "outbound";
        case FillKind::local:
            return "local";
    }
    return "local";
}

}  // namespace ctguard
