#include "analysis/live_top_views.hpp"

#include <algorithm>

namespace ctguard {

LiveTopViews::~LiveTopViews() {
    if (entries_.generation() != generation_) return;  // clear() already forgot them
    for (auto& [key, view] : views_) entries_.forget(view.get());
}

TopResult LiveTopViews::top(const std::string& key, const std::vector<TopKey>& by, const Filter& filter,
                            size_t n) {
    if (entries_.generation() != generation_) {  // a resync emptied the entries and forgot the views
        views_.clear();
        generation_ = entries_.generation();
    }
    ++clock_;
    if (auto it = views_.find(key); it != views_.end()) {
        it->second->used = clock_;
        return it->second->top.result(n);
    }
    auto view = std::make_unique<View>(by, filter);
    entries_.replay(view->top);
    TopResult r = view->top.result(n);
    if (view->top.group_count() > kMaxGroups) return r;
    if (views_.size() >= kMaxViews) {
        auto oldest = std::min_element(views_.begin(), views_.end(),
                                       [](const auto& a, const auto& b) { return a.second->used < b.second->used; });
        entries_.forget(oldest->second.get());
        views_.erase(oldest);
    }
    view->used = clock_;
    entries_.observe(view.get());
    views_.emplace(key, std::move(view));
    return r;
}

}  // namespace ctguard
