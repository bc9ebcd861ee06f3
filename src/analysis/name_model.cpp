#include "analysis/name_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr uint8_t kBoundary = 0;
constexpr uint8_t kDigit = 27;
constexpr uint8_t kOther = 34;
// Printable spelling of each symbol in the model file, index = symbol.
constexpr std::string_view kSymbolChars = "^abcdefghijklmnopqrstuvwxyz0-_./:~?";
static_assert(kSymbolChars.size() == kNameSymbols);
static_assert(kNameSymbols <= UINT8_MAX);  // T(h) is kept in a byte

// Boundary-padded symbols of a name: order-1 leading boundaries, the name, one closing boundary.
std::vector<uint8_t> symbols(std::string_view name, int order) {
    if (name.size() > kNameMaxLength) name = name.substr(0, kNameMaxLength);
    std::vector<uint8_t> s(static_cast<size_t>(order - 1), kBoundary);
    for (char c : name) s.push_back(name_symbol(c));
    s.push_back(kBoundary);
    return s;
}

// n symbols (n <= 4, 6 bits each) under n itself, so grams of different orders never collide and
// sort by order.
uint32_t gram_key(const uint8_t* syms, int n) {
    uint32_t k = static_cast<uint32_t>(n);
    for (int i = 0; i < n; ++i) k = k << 6 | syms[i];
    return k;
}

// The index of `k` in sorted `keys`, if it is there.
std::optional<size_t> find_key(std::span<const uint32_t> keys, uint32_t k) {
    auto it = std::lower_bound(keys.begin(), keys.end(), k);
    if (it == keys.end() || *it != k) return std::nullopt;
    return static_cast<size_t>(it - keys.begin());
}

}  // namespace

uint8_t name_symbol(char c) {
    if (c >= 'a' && c <= 'z') return static_cast<uint8_t>(1 + (c - 'a'));
    if (c >= 'A' && c <= 'Z') return static_cast<uint8_t>(1 + (c - 'A'));
    if (c >= '0' && c <= '9') return kDigit;
    switch (c) {
        case '-':
            return 28;
        case '_':
            return 29;
        case '.':
            return 30;
        case '/':
            return 31;
        case ':':
            return 32;
        case ' ':
            return 33;
        default:
            return kOther;
    }
}

struct NgramTable::Storage {
    std::vector<uint32_t> gram_keys, gram_counts, context_keys, context_totals;
    std::vector<uint8_t> context_distinct;
};

NgramTable::NgramTable(int order, std::shared_ptr<const Storage> storage)
    : order_(order), storage_(std::move(storage)) {
    arrays_ = {storage_->gram_keys, storage_->gram_counts, storage_->context_keys, storage_->context_totals,
               storage_->context_distinct};
}

double NgramTable::log_prob(std::string_view name) const {
    auto s = symbols(name, order_);
    double total = 0;
    for (size_t i = 0; i + static_cast<size_t>(order_) <= s.size(); ++i) {
        const uint8_t* gram = s.data() + i;
        // Witten-Bell, interpolated from the uniform distribution up to the full order:
        // P(x|h) = (C(hx) + T(h) P(x|h')) / (C(h) + T(h)), and P(x|h) = P(x|h') when h was never seen.
        double p = 1.0 / kNameSymbols;
        for (int k = 1; k <= order_; ++k) {
            const uint8_t* suffix = gram + (order_ - k);
            auto h = find_key(arrays_.context_keys, gram_key(suffix, k - 1));
            // A longer history ends with this one, so none of them was seen either.
            if (!h) break;
            auto g = find_key(arrays_.gram_keys, gram_key(suffix, k));
            double c = g ? static_cast<double>(arrays_.gram_counts[*g]) : 0.0;
            double t = static_cast<double>(arrays_.context_distinct[*h]);
            p = (c + t * p) / (static_cast<double>(arrays_.context_totals[*h]) + t);
        }
        total += std::log(p);
    }
    return total;
}

std::string NgramTable::serialize(std::string_view tag) const {
    std::string out;
    for (size_t i = 0; i < arrays_.gram_keys.size(); ++i) {
        uint32_t k = arrays_.gram_keys[i];
        if (static_cast<int>(k >> (6 * order_)) != order_) continue;  // lower orders follow from these
        out += tag;
        out += ' ';
        for (int j = order_ - 1; j >= 0; --j) out += kSymbolChars[(k >> (6 * j)) & 63];
        out += ' ';
        out += std::to_string(arrays_.gram_counts[i]);
        out += '\n';
    }
    return out;
}

// Adds one occurrence (times n) of a highest-order gram to every order's counts: with
// boundary padding each position yields one gram per order, so lower orders are the suffixes.
void NgramModel::count(const uint8_t* gram, uint32_t n) {
    for (int k = 1; k <= order_; ++k) {
        const uint8_t* suffix = gram + (order_ - k);
        uint32_t& c = grams_[gram_key(suffix, k)];
        Context& h = contexts_[gram_key(suffix, k - 1)];
        if (c == 0) ++h.distinct;
        c += n;
        h.total += n;
    }
}

void NgramModel::add(std::string_view name) {
    auto s = symbols(name, order_);
    for (size_t i = 0; i + static_cast<size_t>(order_) <= s.size(); ++i) count(s.data() + i, 1);
}

bool NgramModel::load_line(std::string_view gram, uint64_t n) {
    if (gram.size() != static_cast<size_t>(order_) || n == 0) return false;
    // Every gram counts in the empty history's total, so no count or total exceeds it.
    auto empty = contexts_.find(gram_key(nullptr, 0));
    if (n > UINT32_MAX - (empty == contexts_.end() ? 0 : empty->second.total)) return false;
    uint8_t syms[4];
    for (size_t i = 0; i < gram.size(); ++i) {
        size_t pos = kSymbolChars.find(gram[i]);
        if (pos == std::string_view::npos) return false;
        syms[i] = static_cast<uint8_t>(pos);
    }
    count(syms, static_cast<uint32_t>(n));
    return true;
}

NgramTable NgramModel::freeze() const {
    // The maps iterate in key order: the arrays come out sorted.
    auto s = std::make_shared<NgramTable::Storage>();
    for (const auto& [k, c] : grams_) {
        s->gram_keys.push_back(k);
        s->gram_counts.push_back(c);
    }
    for (const auto& [k, h] : contexts_) {
        s->context_keys.push_back(k);
        s->context_totals.push_back(h.total);
        s->context_distinct.push_back(static_cast<uint8_t>(h.distinct));
    }
    return NgramTable(order_, std::move(s));
}

NameModel::NameModel(NgramTable real, NgramTable random, double threshold, size_t min_length)
    : real_(std::move(real)), random_(std::move(random)), threshold_(threshold), min_length_(min_length) {}

Result<NameModel> NameModel::parse(std::string_view text) {
    double threshold = 0;
    bool have_threshold = false;
    size_t min_length = 0;
    int real_order = 0, random_order = 0;
    NgramModel real, random;
    size_t line_no = 0;
    for (auto raw : split(text, '\n')) {
        ++line_no;
        auto line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        auto f = split(line, ' ');
        auto bad = [&] {
            return Error::internal("name model", "line " + std::to_string(line_no) + ": cannot read '" +
                                                     std::string(line) + "'");
        };
        if (f[0] == "threshold" && f.size() == 2) {
            std::string num(f[1]);
            char* end = nullptr;
            threshold = std::strtod(num.c_str(), &end);
            if (end != num.c_str() + num.size() || !std::isfinite(threshold)) return bad();
            have_threshold = true;
        } else if (f[0] == "min_length" && f.size() == 2) {
            auto v = parse_u64(f[1], kNameMaxLength);
            if (!v) return bad();
            min_length = *v;
        } else if (f[0] == "order" && f.size() == 3) {
            auto v = parse_u64(f[2], 4);
            if (!v || *v == 0 || (f[1] != "real" && f[1] != "random")) return bad();
            (f[1] == "real" ? real_order : random_order) = static_cast<int>(*v);
            (f[1] == "real" ? real : random) = NgramModel(static_cast<int>(*v));
        } else if ((f[0] == "real" || f[0] == "random") && f.size() == 3) {
            auto n = parse_u64(f[2]);
            bool ok = (f[0] == "real" ? real_order : random_order) != 0 && n &&
                      (f[0] == "real" ? real : random).load_line(f[1], *n);
            if (!ok) return bad();
        } else {
            return bad();
        }
    }
    if (real_order == 0 || random_order == 0 || !have_threshold) {
        return Error::internal("name model", "missing order or threshold line");
    }
    return NameModel(real.freeze(), random.freeze(), threshold, min_length);
}

std::string NameModel::serialize() const {
    std::string out =
        "# ctguard name model: character n-gram counts, real names vs random strings.\n"
        "# Made by tools/train_name_model from data/names/*.txt; do not edit by hand.\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "threshold %.4f\n", threshold_);
    out += buf;
    out += "min_length " + std::to_string(min_length_) + "\n";
    out += "order real " + std::to_string(real_.order()) + "\n";
    out += "order random " + std::to_string(random_.order()) + "\n";
    out += real_.serialize("real");
    out += random_.serialize("random");
    return out;
}

double NameModel::score(std::string_view name) const {
    if (name.size() > kNameMaxLength) name = name.substr(0, kNameMaxLength);
    double n = static_cast<double>(name.size() + 1);
    return (random_.log_prob(name) - real_.log_prob(name)) / n;
}

bool NameModel::is_random(std::string_view name) const {
    return name.size() >= min_length_ && score(name) >= threshold_;
}

}  // namespace ctguard
