#include "report/unified_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace ctguard {

namespace {

// Lines with their newline, so a last line without one differs from the same text with one.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        out.push_back(text.substr(start, end - start));
        start = end;
    }
    return out;
}

struct Op {
    char kind;  // ' ', '-', '+'
    std::string_view line;
    size_t old_pos, new_pos;  // lines of each side before this one (set once the script is final)
};

// Longest common subsequence walk; config files are small, so the quadratic table is fine.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    const size_t n = a.size(), m = b.size();
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
        for (size_t j = m; j-- > 0;) {
            at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        }
    }
    std::vector<Op> ops;
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            ops.push_back({' ', a[i], 0, 0});
            ++i, ++j;
        } else if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
            ops.push_back({'+', b[j], 0, 0});
            ++j;
        } else {
            ops.push_back({'-', a[i], 0, 0});
            ++i;
        }
    }
    // Within a run of changes, removals first, as diff -u prints them.
    for (size_t s = 0; s < ops.size();) {
        size_t e = s;
        while (e < ops.size() && ops[e].kind != ' ') ++e;
        std::stable_partition(ops.begin() + static_cast<long>(s), ops.begin() + static_cast<long>(e),
                              [](const Op& o) { return o.kind == '-'; });
        s = e == s ? s + 1 : e;
    }
    size_t old_pos = 0, new_pos = 0;
    for (auto& o : ops) {
        o.old_pos = old_pos;
        o.new_pos = new_pos;
        old_pos += o.kind != '+';
        new_pos += o.kind != '-';
    }
    return ops;
}

std::string range(size_t start, size_t count) {
    return count == 1 ? std::to_string(start) : fmt::format("{},{}", start, count);
}

}  // namespace

std::string unified_diff(std::string_view path, const std::optional<std::string>& before,
                         const std::optional<std::string>& after, size_t context) {
    if (before == after) return "";
    const std::string old_text = before.value_or(""), new_text = after.value_or("");
    auto a = lines_of(old_text);
    auto b = lines_of(new_text);
    auto ops = edit_script(a, b);

    std::string rel(path.substr(path.starts_with('/') ? 1 : 0));
    std::string out =
        fmt::format("--- {}\n+++ {}\n", before ? "a/" + rel : "/dev/null", after ? "b/" + rel : "/dev/null");
    const size_t n = ops.size();
    size_t i = 0;
    while (true) {
        size_t first = i;
        while (first < n && ops[first].kind == ' ') ++first;
        if (first == n) break;
        size_t start = std::max(i, first >= context ? first - context : 0);
        size_t end = first;
        while (true) {
            while (end < n && ops[end].kind != ' ') ++end;
            size_t next = end;
            while (next < n && ops[next].kind == ' ') ++next;
            if (next < n && next - end <= 2 * context) {
                end = next;
                continue;
            }
            break;
        }
        size_t stop = std::min(n, end + context);
        size_t old_count = 0, new_count = 0;
        for (size_t k = start; k < stop; ++k) {
            old_count += ops[k].kind != '+';
            new_count += ops[k].kind != '-';
        }
        size_t old_start = ops[start].old_pos, new_start = ops[start].new_pos;
        out += fmt::format("@@ -{} +{} @@\n", range(old_count ? old_start + 1 : old_start, old_count),
                           range(new_count ? new_start + 1 : new_start, new_count));
        for (size_t k = start; k < stop; ++k) {
            out += ops[k].kind;
            out += ops[k].line;
            if (!ops[k].line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
        }
        i = stop;
    }
    return out;
}

}  // namespace ctguard
