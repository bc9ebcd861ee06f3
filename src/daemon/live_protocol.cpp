#include "daemon/live_protocol.hpp"

#include <algorithm>
#include <iterator>

namespace ctguard {

namespace {

Error bad(const std::string& why) {
    return Error::usage("request", why);
}

// A string member, or "" when absent; an error when it is there with another type.
Result<std::string> string_at(const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end()) return std::string();
    if (!it->is_string()) return bad(std::string(key) + " must be a string");
    return it->get<std::string>();
}

Result<std::vector<std::string>> strings_at(const nlohmann::json& obj, const char* key) {
    std::vector<std::string> out;
    auto it = obj.find(key);
    if (it == obj.end()) return out;
    if (!it->is_array()) return bad(std::string(key) + " must be an array");
    for (const auto& v : *it) {
        if (!v.is_string()) return bad(std::string(key) + " must hold strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

Result<uint64_t> number_at(const nlohmann::json& obj, const char* key, uint64_t lo, uint64_t hi) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_unsigned()) return bad(std::string(key) + " must be a whole number");
    const auto v = it->get<uint64_t>();
    if (v < lo || v > hi) return bad(std::string(key) + " is out of range");
    return v;
}

Result<FilterArgs> filter_from(const nlohmann::json& j) {
    FilterArgs f;
    if (!j.is_object()) return bad("filter must be an object");
    auto src = strings_at(j, "src");
    if (!src) return src.error();
    auto dst = strings_at(j, "dst");
    if (!dst) return dst.error();
    f.src = std::move(*src);
    f.dst = std::move(*dst);
    std::pair<const char*, std::string*> fields[] = {{"sport", &f.sport}, {"dport", &f.dport},
                                                     {"proto", &f.proto}, {"state", &f.state},
                                                     {"zone", &f.zone},   {"mark", &f.mark}};
    for (auto& [key, out] : fields) {
        auto v = string_at(j, key);
        if (!v) return v.error();
        *out = std::move(*v);
    }
    return f;
}

const char* command_name(LiveCommand c) {
    switch (c) {
        case LiveCommand::top:
            return "top";
        case LiveCommand::status:
            return "status";
        case LiveCommand::entries:
            return "entries";
    }
    return "";
}

}  // namespace

bool live_key(TopKey key) {
    return key != TopKey::process && key != TopKey::netns;
}

std::string live_request_line(const LiveRequest& r) {
    nlohmann::json by = nlohmann::json::array();
    for (TopKey k : r.by) by.push_back(top_key_name(k));
    nlohmann::json j = {
        {"version", kLiveProtocol},
        {"command", command_name(r.command)},
        {"netns", {{"dev", static_cast<uint64_t>(r.netns.dev)}, {"ino", static_cast<uint64_t>(r.netns.ino)}}},
        {"json", r.json},
        {"by", by},
        {"n", r.n},
        {"filter",
         {{"src", r.filter.src},
          {"dst", r.filter.dst},
          {"sport", r.filter.sport},
          {"dport", r.filter.dport},
          {"proto", r.filter.proto},
          {"state", r.filter.state},
          {"zone", r.filter.zone},
          {"mark", r.filter.mark}}},
        {"thresholds",
         {{"warn", r.thresholds.warn}, {"cap", r.thresholds.cap}, {"suspend", r.thresholds.suspend}}},
        {"width", static_cast<uint64_t>(r.width)}};
    // Unprintable bytes of a hostile --src go out as JSON escapes, never as a raw line break.
    return j.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<LiveRequest> parse_live_request(std::string_view line) {
    if (line.size() > kMaxLiveRequest) return bad("longer than " + std::to_string(kMaxLiveRequest) + " bytes");
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
    auto version = number_at(j, "version", 0, UINT32_MAX);
    if (!version) return version.error();
    if (*version != kLiveProtocol) return bad("protocol version " + std::to_string(*version) + " is not 1");
    LiveRequest r;
    auto command = string_at(j, "command");
    if (!command) return command.error();
    const LiveCommand commands[] = {LiveCommand::top, LiveCommand::status, LiveCommand::entries};
    auto known = std::find_if(std::begin(commands), std::end(commands),
                              [&](LiveCommand c) { return *command == command_name(c); });
    if (known == std::end(commands)) return bad("unknown command");
    r.command = *known;
    auto ns = j.find("netns");
    if (ns == j.end() || !ns->is_object()) return bad("netns must be an object");
    auto dev = number_at(*ns, "dev", 0, UINT64_MAX);
    if (!dev) return dev.error();
    auto ino = number_at(*ns, "ino", 0, UINT64_MAX);
    if (!ino) return ino.error();
    r.netns = NetnsId{static_cast<dev_t>(*dev), static_cast<ino_t>(*ino)};
    auto json = j.find("json");
    if (json == j.end() || !json->is_boolean()) return bad("json must be true or false");
    r.json = json->get<bool>();
    if (r.command == LiveCommand::entries) return r;
    if (r.command == LiveCommand::status) {
        auto t = j.find("thresholds");
        if (t == j.end() || !t->is_object()) return bad("thresholds must be an object");
        auto warn = number_at(*t, "warn", 1, UINT64_MAX);
        auto cap = number_at(*t, "cap", 1, UINT64_MAX);
        auto suspend = number_at(*t, "suspend", 1, UINT64_MAX);
        if (!warn || !cap || !suspend) return bad("thresholds must be positive whole numbers");
        r.thresholds = Thresholds{*warn, *cap, *suspend};
        if (j.contains("width")) {  // optional: a client that does not send it gets 80 columns
            auto width = number_at(j, "width", 20, UINT64_MAX);
            if (!width) return width.error();
            r.width = static_cast<size_t>(*width);
        }
        return r;
    }
    auto by = strings_at(j, "by");
    if (!by) return by.error();
    if (by->empty() || by->size() > 10) return bad("by must name 1 to 10 keys");
    for (const auto& name : *by) {
        auto k = parse_top_key(name);
        if (!k || !live_key(*k)) return bad("by: the live table does not group by '" + name + "'");
        if (std::find(r.by.begin(), r.by.end(), *k) != r.by.end()) return bad("by: a key given twice");
        r.by.push_back(*k);
    }
    auto n = number_at(j, "n", 1, 1000000);
    if (!n) return n.error();
    r.n = *n;
    auto f = j.find("filter");
    if (f == j.end()) return bad("filter is missing");
    auto filter = filter_from(*f);
    if (!filter) return filter.error();
    r.filter = std::move(*filter);
    return r;
}

std::string live_response_line(const nlohmann::json& output) {
    nlohmann::json j = {{"version", kLiveProtocol}, {"output", output}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string live_error_line(const std::string& why) {
    nlohmann::json j = {{"version", kLiveProtocol}, {"error", why}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<nlohmann::json> parse_live_response(std::string_view line) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    auto v = j.find("version");
    if (v == j.end() || !v->is_number_unsigned() || v->get<uint64_t>() != kLiveProtocol) return std::nullopt;
    auto out = j.find("output");
    if (out == j.end()) return std::nullopt;
    return std::move(*out);
}

}  // namespace ctguard
