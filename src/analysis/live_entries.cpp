#include "analysis/live_entries.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include "lib/hash.hpp"

namespace ctguard {

// Keys are compared and hashed as raw bytes: a Tuple must have no padding, and the decoder zeroes
// the bytes an address does not use.
static_assert(sizeof(Tuple) == 42, "Tuple has padding: hash and compare its fields instead");

namespace {

constexpr size_t kMinSlots = 16;

}  // namespace

LiveEntries::Entry LiveEntries::entry_of(const Flow& f) {
    Entry e;
    e.orig = f.orig;
    e.reply = f.reply;
    e.id = f.id;
    e.status = f.status;
    e.mark = f.mark;
    e.zone = f.zone;
    e.family = f.family;
    e.proto = f.proto;
    e.state = f.state;
    return e;
}

void LiveEntries::fill_flow(const Entry& e, Flow& f) {
    f.family = e.family;
    f.proto = e.proto;
    f.orig = e.orig;
    f.reply = e.reply;
    f.state = e.state;
    f.status = e.status;
    f.mark = e.mark;
    f.zone = e.zone;
    f.id = e.id;
}

bool LiveEntries::same_key(const Entry& e, const Flow& f) {
    return e.proto == f.proto && e.zone == f.zone && std::memcmp(&e.orig, &f.orig, sizeof(Tuple)) == 0;
}

size_t LiveEntries::key_hash(const Tuple& orig, uint8_t proto, uint16_t zone) {
    unsigned char key[sizeof(Tuple) + 3];
    std::memcpy(key, &orig, sizeof(Tuple));
    key[sizeof(Tuple)] = proto;
    std::memcpy(key + sizeof(Tuple) + 1, &zone, 2);
    return hash_bytes(key, sizeof key);
}

size_t LiveEntries::home(const Entry& e) const {
    return key_hash(e.orig, e.proto, e.zone) & (slots_.size() - 1);
}

size_t LiveEntries::find_slot(const Flow& f) const {
    const size_t mask = slots_.size() - 1;
    for (size_t s = key_hash(f.orig, f.proto, f.zone) & mask;; s = (s + 1) & mask) {
        if (slots_[s] == kEmpty || same_key(entries_[slots_[s]], f)) return s;
    }
}

size_t LiveEntries::slot_of_index(uint32_t index) const {
    const size_t mask = slots_.size() - 1;
    for (size_t s = home(entries_[index]);; s = (s + 1) & mask) {
        if (slots_[s] == index) return s;
    }
}

// Backward-shift deletion: the entries after the hole that could sit in it move up, so every
// probe sequence stays unbroken without tombstones.
void LiveEntries::erase_slot(size_t hole) {
    const size_t mask = slots_.size() - 1;
    for (size_t s = (hole + 1) & mask; slots_[s] != kEmpty; s = (s + 1) & mask) {
        const size_t h = home(entries_[slots_[s]]);
        // Can the entry at s move to the hole? Only when its home is not in (hole, s] (cyclically).
        const bool home_between = hole <= s ? (h > hole && h <= s) : (h > hole || h <= s);
        if (!home_between) {
            slots_[hole] = slots_[s];
            hole = s;
        }
    }
    slots_[hole] = kEmpty;
}

void LiveEntries::rehash(size_t capacity) {
    slots_.assign(capacity, kEmpty);
    const size_t mask = capacity - 1;
    for (uint32_t i = 0; i < entries_.size(); ++i) {
        size_t s = home(entries_[i]);
        while (slots_[s] != kEmpty) s = (s + 1) & mask;
        slots_[s] = i;
    }
}

void LiveEntries::tell_added(const Entry& e) {
    if (observers_.empty()) return;
    Flow f;
    fill_flow(e, f);
    for (Observer* o : observers_) o->added(f);
}

void LiveEntries::tell_removed(const Entry& e) {
    if (observers_.empty()) return;
    Flow f;
    fill_flow(e, f);
    for (Observer* o : observers_) o->removed(f);
}

void LiveEntries::forget(Observer* o) {
    observers_.erase(std::remove(observers_.begin(), observers_.end(), o), observers_.end());
}

void LiveEntries::add(const Flow& flow) {
    // At most half the slots in use: probes stay short.
    if ((entries_.size() + 1) * 2 > slots_.size())
        rehash(std::max(kMinSlots, std::bit_ceil((entries_.size() + 1) * 2)));
    const size_t s = find_slot(flow);
    if (slots_[s] != kEmpty) {
        tell_removed(entries_[slots_[s]]);
        entries_[slots_[s]] = entry_of(flow);
        tell_added(entries_[slots_[s]]);
        return;
    }
    slots_[s] = static_cast<uint32_t>(entries_.size());
    entries_.push_back(entry_of(flow));
    tell_added(entries_.back());
}

void LiveEntries::update(const Flow& flow) {
    const size_t s = slots_.empty() ? 0 : find_slot(flow);
    if (slots_.empty() || slots_[s] == kEmpty) {
        add(flow);
        return;
    }
    Entry& e = entries_[slots_[s]];
    tell_removed(e);
    e.status = flow.status;
    e.mark = flow.mark;
    e.reply = flow.reply;
    if (flow.state != kNoState) e.state = flow.state;
    tell_added(e);
}

bool LiveEntries::remove(const Flow& flow) {
    if (slots_.empty()) return false;
    const size_t s = find_slot(flow);
    if (slots_[s] == kEmpty) return false;
    const uint32_t index = slots_[s];
    if (flow.id != 0 && entries_[index].id != 0 && entries_[index].id != flow.id) return false;
    tell_removed(entries_[index]);
    erase_slot(s);
    const auto last = static_cast<uint32_t>(entries_.size() - 1);
    if (index != last) {
        slots_[slot_of_index(last)] = index;
        entries_[index] = entries_[last];
    }
    entries_.pop_back();
    // A table that emptied gives its memory back (with room to grow again before the next rehash).
    if (slots_.size() > kMinSlots && entries_.size() * 8 < slots_.size()) {
        entries_.shrink_to_fit();
        rehash(slots_.size() / 4);
    }
    return true;
}

void LiveEntries::clear() {
    observers_.clear();
    ++generation_;
    std::vector<Entry>().swap(entries_);
    std::vector<uint32_t>().swap(slots_);
}

void LiveEntries::replay(FlowSink& sink) const {
    Flow flow;
    for (const Entry& e : entries_) {
        fill_flow(e, flow);
        sink.on_flow(flow);
    }
}

size_t LiveEntries::memory_bytes() const {
    return entries_.capacity() * sizeof(Entry) + slots_.capacity() * sizeof(uint32_t);
}

}  // namespace ctguard
