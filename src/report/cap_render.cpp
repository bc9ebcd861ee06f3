#include "report/cap_render.hpp"

#include <fmt/format.h>

#include "lib/text.hpp"

namespace ctguard {

std::string cap_summary(const CapSpec& s) {
    std::string out =
        fmt::format("at most {} open connections per source address (IPv4 and IPv6)", s.per_source);
    out += s.ports.empty() ? ", any protocol and port" : ", to TCP/UDP ports " + join(cap_port_texts(s), ",");
    if (!s.exempt.empty()) out += "; exempt: " + join(cap_exempt_texts(s, 0), ", ");
    return out;
}

nlohmann::json cap_spec_json(const CapSpec& s) {
    return {{"per_source", s.per_source}, {"ports", cap_port_texts(s)}, {"exempt", cap_exempt_texts(s, 0)}};
}

nlohmann::json cap_list_json(const CapState& st) {
    return {{"installed", st.installed},
            {"table", "inet ctguard"},
            {"spec", st.spec ? cap_spec_json(*st.spec) : nlohmann::json()},
            {"dropped_packets", st.dropped_packets},
            {"sources", st.sources}};
}

std::string cap_list_text(const CapState& st) {
    if (!st.installed) return "no caps: table inet ctguard is not loaded\n";
    std::string out;
    if (st.spec)
        out += "cap: " + cap_summary(*st.spec) + "\n";
    else
        out += "table inet ctguard is loaded but not in the shape ctguard writes (edited by hand?)\n";
    out += fmt::format("dropped: {} packets; tracking {} source(s)\n\n", with_thousands(st.dropped_packets),
                       st.sources.size());
    return out + st.listing;
}

}  // namespace ctguard
