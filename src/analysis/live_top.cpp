#include "analysis/live_top.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "analysis/level.hpp"
#include "analysis/remediation.hpp"
#include "lib/text.hpp"
#include "model/flow.hpp"
#include "model/ip_hash.hpp"

namespace ctguard {

namespace {

// Per second between two counter readings; a counter that went back (a CPU went offline) is 0.
double rate(uint64_t now, uint64_t before, double seconds) {
    if (seconds <= 0 || now < before) return 0;
    return static_cast<double>(now - before) / seconds;
}

struct GroupHash {
    size_t operator()(const GroupValues& v) const {
        size_t h = IpAddrHash{}(v.src) * 31 + IpAddrHash{}(v.dst);
        h = h * 31 + (v.sport ? *v.sport + 1u : 0u);
        h = h * 31 + (v.dport ? *v.dport + 1u : 0u);
        h = h * 31 + (size_t{v.proto} << 16 | size_t{v.state_id} << 8) + v.zone;
        h = h * 31 + v.mark;
        return h * 31 + std::hash<std::string>{}(v.process) + std::hash<std::string>{}(v.netns);
    }
};

std::vector<std::string> filter_words(const std::string& filter) {
    std::vector<std::string> words;
    for (auto w : split(filter, ' ')) {
        if (!trim(w).empty()) words.emplace_back(trim(w));
    }
    return words;
}

// The flags that select exactly this row's group, for flush; nullopt when a key has no flag.
std::optional<std::vector<std::string>> group_flags(const std::vector<TopKey>& by, const GroupValues& v) {
    std::vector<std::string> flags;
    for (TopKey k : by) {
        switch (k) {
            case TopKey::src: flags.insert(flags.end(), {"--src", to_string(v.src)}); break;
            case TopKey::dst: flags.insert(flags.end(), {"--dst", to_string(v.dst)}); break;
            case TopKey::sport:
                if (!v.sport) return std::nullopt;
                flags.insert(flags.end(), {"--sport", std::to_string(*v.sport)});
                break;
            case TopKey::dport:
                if (!v.dport) return std::nullopt;
                flags.insert(flags.end(), {"--dport", std::to_string(*v.dport)});
                break;
            case TopKey::proto: flags.insert(flags.end(), {"--proto", std::string(proto_name(v.proto))}); break;
            case TopKey::state:
                if (v.state_id == 0) return std::nullopt;
                flags.insert(flags.end(), {"--state", state_name_by_id(v.state_id)});
                break;
            case TopKey::zone: flags.insert(flags.end(), {"--zone", std::to_string(v.zone)}); break;
            case TopKey::mark: flags.insert(flags.end(), {"--mark", std::to_string(v.mark)}); break;
            case TopKey::process:
            case TopKey::netns: return std::nullopt;
        }
    }
    return flags;
}

// The pid at the end of an owner's label, "name[1234]" (a name may hold brackets itself).
std::optional<uint32_t> label_pid(const std::string& label) {
    if (label.empty() || label.back() != ']') return std::nullopt;
    auto open = label.rfind('[');
    if (open == std::string::npos) return std::nullopt;
    auto pid = parse_u64(std::string_view(label).substr(open + 1, label.size() - open - 2), UINT32_MAX);
    if (!pid || *pid == 0) return std::nullopt;
    return static_cast<uint32_t>(*pid);
}

std::string row_name(const std::vector<TopKey>& by, const LiveTopRow& row) {
    std::vector<std::string> parts;
    for (TopKey k : by) {
        switch (k) {
            case TopKey::src: parts.push_back(to_string(row.values.src)); break;
            case TopKey::dst: parts.push_back(to_string(row.values.dst)); break;
            case TopKey::dport: parts.push_back(row.values.dport ? "port " + std::to_string(*row.values.dport) : "no port"); break;
            case TopKey::process: parts.push_back(printable(row.values.process)); break;
            default: break;
        }
    }
    return parts.empty() ? "this group" : join(parts, " ");
}

bool has_key(const std::vector<TopKey>& by, TopKey k) {
    return std::find(by.begin(), by.end(), k) != by.end();
}

UiEffect ask(LiveUi& ui, LiveAction action, const LiveTopFrame& shown, const LiveContext& ctx) {
    if (ui.selected >= shown.rows.size()) {
        ui.message = "no row selected";
        return UiEffect::redraw;
    }
    auto pending = action_for(action, shown.rows[ui.selected], ui, ctx);
    if (!pending) {
        ui.message = pending.error().why;
        return UiEffect::redraw;
    }
    ui.pending = std::move(*pending);
    ui.mode = UiMode::confirm;
    ui.message.clear();
    return UiEffect::redraw;
}

}  // namespace

void LiveRates::add(const LiveSample& s) {
    if (last_ && s.cpu && last_->cpu) {
        double dt = s.at - last_->at;
        drop_rate_ = rate(s.cpu->drop, last_->cpu->drop, dt);
        early_drop_rate_ = rate(s.cpu->early_drop, last_->cpu->early_drop, dt);
        insert_failed_rate_ = rate(s.cpu->insert_failed, last_->cpu->insert_failed, dt);
    }
    growth_.update(s.count, s.at);
    last_ = s;
}

void LiveRates::fill(LiveTopFrame& frame, const Thresholds& thresholds) const {
    if (!last_) return;
    frame.count = last_->count;
    frame.max = last_->max;
    frame.level = classify(last_->count, last_->max, thresholds);
    frame.drop_per_second = drop_rate_;
    frame.early_drop_per_second = early_drop_rate_;
    frame.insert_failed_per_second = insert_failed_rate_;
    frame.seconds_to_full = seconds_until(last_->count, last_->max, growth_.per_second());
}

std::vector<LiveTopRow> rows_with_change(const TopResult& now, const std::vector<TopRow>& before, double seconds) {
    std::unordered_map<GroupValues, uint64_t, GroupHash> previous;
    previous.reserve(before.size());
    for (const auto& row : before) previous.emplace(row.values, row.count);
    std::vector<LiveTopRow> rows;
    rows.reserve(now.rows.size());
    for (const auto& row : now.rows) {
        auto it = previous.find(row.values);
        uint64_t was = it == previous.end() ? 0 : it->second;
        double change = seconds > 0 ? (static_cast<double>(row.count) - static_cast<double>(was)) / seconds : 0;
        rows.push_back({row.values, row.count, change});
    }
    return rows;
}

TopResult namespace_rows(const std::string& own_name, uint64_t own_count, const NamespacesReport& others) {
    TopResult r;
    r.by = {TopKey::netns};
    auto add = [&r](const std::string& name, uint64_t count) {
        TopRow row;
        row.values.netns = name;
        row.count = count;
        r.rows.push_back(std::move(row));
        r.total += count;
    };
    add(own_name, own_count);
    for (const auto& t : others.namespaces) {
        if (t.stats) add(t.ns.name, t.stats->count);  // unreadable ones (gone since discovery) are left out
    }
    std::stable_sort(r.rows.begin(), r.rows.end(), [](const TopRow& a, const TopRow& b) { return a.count > b.count; });
    r.groups = r.rows.size();
    return r;
}

const std::vector<TopKey>& live_key_cycle() {
    static const std::vector<TopKey> keys{TopKey::src,   TopKey::dst,     TopKey::dport,
                                          TopKey::state, TopKey::process, TopKey::netns};
    return keys;
}

Result<PendingAction> action_for(LiveAction action, const LiveTopRow& row, const LiveUi& ui, const LiveContext& ctx) {
    std::vector<std::string> argv{"ctguard"};
    if (!ctx.netns.empty()) argv.insert(argv.end(), {"--netns", ctx.netns});
    std::string name = row_name(ui.by, row);
    switch (action) {
        case LiveAction::flush: {
            auto flags = group_flags(ui.by, row.values);
            if (!flags) {
                return Error::usage("flush", "flush needs a row grouped by addresses, ports, protocol, state, zone or mark",
                                    "Tab to another key");
            }
            argv.push_back("flush");
            argv.insert(argv.end(), flags->begin(), flags->end());
            for (auto& w : filter_words(ui.filter)) argv.push_back(std::move(w));
            return PendingAction{action, fmt::format("flush the {} entries of {}", with_thousands(row.count), name), argv};
        }
        case LiveAction::cap: {
            if (!has_key(ui.by, TopKey::src)) return Error::usage("cap", "cap needs a row grouped by src", "Tab to src");
            argv.insert(argv.end(), {"cap", "--per-source", std::to_string(kPerSourceCap)});
            if (has_key(ui.by, TopKey::dport) && row.values.dport) {
                argv.insert(argv.end(), {"--ports", std::to_string(*row.values.dport)});
            }
            return PendingAction{action,
                                 fmt::format("cap every source at {} entries ({} holds {})", kPerSourceCap, name,
                                             with_thousands(row.count)),
                                 argv};
        }
        case LiveAction::stop: {
            if (!has_key(ui.by, TopKey::process)) {
                return Error::usage("stop", "stop needs a row grouped by process", "Tab to process");
            }
            auto pid = label_pid(row.values.process);
            if (!pid) return Error::usage("stop", "no process holds these entries");
            auto group = ctx.group_of ? ctx.group_of(*pid) : std::nullopt;
            if (!group) return Error::usage("stop", fmt::format("cannot tell the group of process {}", *pid));
            argv.insert(argv.end(), {"procs", "--kill", *group, "--yes"});
            return PendingAction{action, fmt::format("stop, keep evidence of and kill {}'s group {}", name, *group),
                                 argv};
        }
    }
    return Error::internal("action", "unknown action");
}

UiEffect handle_key(LiveUi& ui, const UiEvent& ev, const LiveTopFrame& shown, const LiveContext& ctx) {
    switch (ui.mode) {
        case UiMode::help:
            // Any key leaves the help; q still quits from there.
            ui.mode = UiMode::browse;
            return ev.key == UiKey::quit ? UiEffect::quit : UiEffect::redraw;
        case UiMode::confirm:
            if (ev.key == UiKey::text && (ev.ch == 'y' || ev.ch == 'Y')) {
                ui.mode = UiMode::browse;
                return UiEffect::run;
            }
            ui.mode = UiMode::browse;
            ui.pending.reset();
            ui.message = "cancelled: nothing was done";
            return UiEffect::redraw;
        case UiMode::filter:
            switch (ev.key) {
                case UiKey::escape:
                    ui.mode = UiMode::browse;
                    ui.message.clear();
                    return UiEffect::redraw;
                case UiKey::backspace:
                    if (!ui.edit.empty()) ui.edit.pop_back();
                    return UiEffect::redraw;
                case UiKey::enter: {
                    std::string text(trim(ui.edit));
                    if (auto why = ctx.check_filter ? ctx.check_filter(text) : std::nullopt) {
                        ui.message = *why;  // keep editing
                        return UiEffect::redraw;
                    }
                    ui.filter = text;
                    ui.mode = UiMode::browse;
                    ui.selected = 0;
                    ui.message.clear();
                    return UiEffect::regroup;
                }
                default:
                    // Every other key is text here, letters that are commands elsewhere included.
                    if (ev.ch >= 0x20 && ev.ch < 0x7f && ui.edit.size() < 200) ui.edit.push_back(ev.ch);
                    return UiEffect::redraw;
            }
        case UiMode::browse: break;
    }
    switch (ev.key) {
        case UiKey::quit: return UiEffect::quit;
        case UiKey::help: ui.mode = UiMode::help; return UiEffect::redraw;
        case UiKey::space:
            ui.paused = !ui.paused;
            return UiEffect::redraw;
        case UiKey::slash:
            ui.mode = UiMode::filter;
            ui.edit = ui.filter;
            ui.message.clear();
            return UiEffect::redraw;
        case UiKey::tab:
        case UiKey::back_tab: {
            const auto& cycle = live_key_cycle();
            auto at = std::find(cycle.begin(), cycle.end(), ui.by.front());
            size_t i = at == cycle.end() ? 0 : static_cast<size_t>(at - cycle.begin());
            // Several keys from --by: Tab goes on from the first one.
            if (ui.by.size() == 1 || at == cycle.end()) {
                i = ev.key == UiKey::tab ? (i + 1) % cycle.size() : (i + cycle.size() - 1) % cycle.size();
            }
            ui.by = {cycle[i]};
            ui.selected = 0;
            ui.message.clear();
            return UiEffect::regroup;
        }
        case UiKey::up:
            if (ui.selected > 0) --ui.selected;
            return UiEffect::redraw;
        case UiKey::down:
            if (ui.selected + 1 < shown.rows.size()) ++ui.selected;
            return UiEffect::redraw;
        case UiKey::flush: return ask(ui, LiveAction::flush, shown, ctx);
        case UiKey::cap: return ask(ui, LiveAction::cap, shown, ctx);
        case UiKey::stop: return ask(ui, LiveAction::stop, shown, ctx);
        default: return UiEffect::none;
    }
}

}  // namespace ctguard
