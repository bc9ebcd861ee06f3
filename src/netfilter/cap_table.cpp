#include "netfilter/cap_table.hpp"

#include <nlohmann/json.hpp>

namespace ctguard {

namespace {

using nlohmann::json;

struct CapRule {
    std::optional<uint32_t> per_source;
    std::vector<PortRange> ports;
    uint64_t packets = 0;
};

PortRange port_range(const json& j) {
    if (j.is_object() && j.contains("range")) {
        return {j["range"].at(0).get<uint16_t>(), j["range"].at(1).get<uint16_t>()};
    }
    auto p = j.get<uint16_t>();
    return {p, p};
}

// An interval-set element: "198.18.9.5" or {"prefix": {"addr": "198.18.0.0", "len": 15}}.
std::optional<Cidr> element_cidr(const json& e) {
    if (e.is_string()) return parse_cidr(e.get<std::string>());
    if (e.is_object() && e.contains("prefix")) {
        const auto& p = e["prefix"];
        return parse_cidr(p.at("addr").get<std::string>() + "/" + std::to_string(p.at("len").get<int>()));
    }
    return std::nullopt;  // a range: not something ctguard writes
}

// A dynamic set's element: "198.18.0.2" or {"elem": {"val": "198.18.0.2", ...}}.
std::string element_address(const json& e) {
    if (e.is_object() && e.contains("elem")) return e["elem"].at("val").get<std::string>();
    return e.get<std::string>();
}

// The cap rule: [meta l4proto .. th dport {ports}] ct state new add @capN { saddr ct count over N } counter
// drop
std::optional<std::pair<std::string, CapRule>> cap_rule(const json& expr) {
    CapRule r;
    std::string set;
    for (const auto& e : expr) {
        if (e.contains("match")) {
            const auto& m = e["match"];
            const auto& left = m.at("left");
            if (left.contains("payload") && left["payload"].value("protocol", "") == "th" &&
                left["payload"].value("field", "") == "dport") {
                const auto& right = m.at("right");
                if (right.is_object() && right.contains("set")) {
                    for (const auto& p : right["set"]) r.ports.push_back(port_range(p));
                } else {
                    r.ports.push_back(port_range(right));
                }
            }
        } else if (e.contains("set")) {
            const auto& s = e["set"];
            set = s.value("set", "");
            for (const auto& st : s.value("stmt", json::array())) {
                if (st.contains("ct count") && st["ct count"].value("inv", false)) {
                    r.per_source = st["ct count"].at("val").get<uint32_t>();
                }
            }
        } else if (e.contains("counter")) {
            r.packets = e["counter"].value("packets", uint64_t{0});
        }
    }
    if (set != "@cap4" && set != "@cap6") return std::nullopt;
    return std::make_pair(set, r);
}

}  // namespace

CapState parse_cap_listing(std::string_view text) {
    CapState st;
    auto doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.contains("nftables")) return st;
    try {
        CapSpec spec;
        bool shape = true;
        std::optional<CapRule> v4, v6;
        for (const auto& item : doc["nftables"]) {
            if (item.contains("table")) st.installed = true;
            if (item.contains("set")) {
                const auto& s = item["set"];
                const std::string name = s.value("name", "");
                for (const auto& e : s.value("elem", json::array())) {
                    if (name == "exempt4" || name == "exempt6") {
                        auto c = element_cidr(e);
                        if (c)
                            spec.exempt.push_back(*c);
                        else
                            shape = false;
                    } else if (name == "cap4" || name == "cap6") {
                        st.sources.push_back(element_address(e));
                    }
                }
            }
            if (item.contains("rule")) {
                auto r = cap_rule(item["rule"].value("expr", json::array()));
                if (!r) continue;
                st.dropped_packets += r->second.packets;
                (r->first == "@cap4" ? v4 : v6) = r->second;
            }
        }
        if (shape && v4 && v6 && v4->per_source && v4->per_source == v6->per_source) {
            spec.per_source = *v4->per_source;
            spec.ports = v4->ports;
            CapSpec other = spec;
            other.ports = v6->ports;
            if (other == spec) st.spec = spec;
        }
    } catch (const json::exception&) {
        st.spec.reset();  // some field had an unexpected type: not ctguard's shape
    }
    return st;
}

Result<CapState> read_cap_state(Nftables& nft) {
    auto j = nft.run("list table inet ctguard", true);
    if (!j) {
        if (j.error().why.find("No such file or directory") != std::string::npos) return CapState{};
        return j.error();
    }
    CapState st = parse_cap_listing(*j);
    st.installed = true;
    auto text = nft.run("list table inet ctguard");
    if (!text) return text.error();
    st.listing = *text;
    return st;
}

}  // namespace ctguard
