#include "report/drops_render.hpp"

#include "report/text_table.hpp"

namespace ctguard {

nlohmann::json drops_json(const DropReport& r) {
    auto causes = nlohmann::json::array();
    for (const auto& c : r.causes) causes.push_back({{"counter", c.counter}, {"count", c.count}, {"meaning", c.meaning}});
    auto log = nlohmann::json::array();
    for (const auto& e : r.log) {
        log.push_back({{"kind", e.kind}, {"count", e.count}, {"first", e.first}, {"last", e.last}});
    }
    return {{"interval", r.interval},
            {"causes", causes},
            {"kernel_log", r.log_read ? nlohmann::json(log) : nlohmann::json(nullptr)},
            {"kernel_log_note", r.log_note.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.log_note)},
            {"uptime", r.uptime},
            {"guest", r.guest ? nlohmann::json(*r.guest) : nlohmann::json(nullptr)},
            {"sentences", r.sentences},
            {"guest_sentence", r.guest_sentence.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.guest_sentence)}};
}

std::string drops_text(const DropReport& r, const std::string& label, const std::string& guest_label,
                       size_t width) {
    std::string out;
    const std::string indent(label.size(), ' ');
    for (const auto& s : r.sentences) out += word_wrap(s, out.empty() ? label : indent, indent + "  ", width);
    if (!r.guest_sentence.empty()) out += word_wrap(r.guest_sentence, guest_label, indent + "  ", width);
    return out;
}

}  // namespace ctguard
