#include "analysis/name_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr uint8_t kBoundary = 0;
constexpr uint8_t kDigit = 53;
constexpr uint8_t kOther = 60;
// Printable spelling of each symbol in the model file, index = symbol.
constexpr std::string_view kSymbolChars = "^abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0-_./:~?";
static_assert(kSymbolChars.size() == kNameSymbols);

// Boundary-padded symbols of a name: order-1 leading boundaries, the name, one closing boundary.
std::vector<uint8_t> symbols(std::string_view name, int order) {
    if (name.size() > kNameMaxLength) name = name.substr(0, kNameMaxLength);
    std::vector<uint8_t> s(static_cast<size_t>(order - 1), kBoundary);
    for (char c : name) s.push_back(name_symbol(c));
    s.push_back(kBoundary);
    return s;
}

}  // namespace

uint8_t name_symbol(char c) {
    if (c >= 'a' && c <= 'z') return static_cast<uint8_t>(1 + (c - 'a'));
    if (c >= 'A' && c <= 'Z') return static_cast<uint8_t>(27 + (c - 'A'));
    if (c >= '0' && c <= '9') return kDigit;
    switch (c) {
        case '-':
            return 54;
        case '_':
            return 55;
        case '.':
            return 56;
        case '/':
            return 57;
        case ':':
            return 58;
        case ' ':
            return 59;
        default:
            return kOther;
    }
}

// n symbols (n <= 4, 6 bits each) and n itself, so grams of different orders never collide.
uint32_t NgramModel::key(const uint8_t* syms, int n) {
    uint32_t k = static_cast<uint32_t>(n);
    for (int i = 0; i < n; ++i) k = k << 6 | syms[i];
    return k;
}

// Adds one occurrence (times n) of a highest-order gram to every order's counts: with
// boundary padding each position yields one gram per order, so lower orders are the suffixes.
void NgramModel::count(const uint8_t* gram, uint64_t n) {
    for (int k = 1; k <= order_; ++k) {
        const uint8_t* suffix = gram + (order_ - k);
        uint64_t& c = grams_[key(suffix, k)];
        Context& h = contexts_[key(suffix, k - 1)];
        if (c == 0) ++h.distinct;
        c += n;
        h.total += n;
    }
}

void NgramModel::add(std::string_view name) {
    auto s = symbols(name, order_);
    for (size_t i = 0; i + static_cast<size_t>(order_) <= s.size(); ++i) count(s.data() + i, 1);
}

double NgramModel::log_prob(std::string_view name) const {
    auto s = symbols(name, order_);
    double total = 0;
    for (size_t i = 0; i + static_cast<size_t>(order_) <= s.size(); ++i) {
        const uint8_t* gram = s.data() + i;
        // Witten-Bell, interpolated from the uniform distribution up to the full order:
        // P(x|h) = (C(hx) + T(h) P(x|h')) / (C(h) + T(h)), and P(x|h) = P(x|h') when h was never seen.
        double p = 1.0 / kNameSymbols;
        for (int k = 1; k <= order_; ++k) {
            const uint8_t* suffix = gram + (order_ - k);
            auto h = contexts_.find(key(suffix, k - 1));
            if (h == contexts_.end() || h->second.total == 0) continue;
            auto g = grams_.find(key(suffix, k));
            double c = g == grams_.end() ? 0.0 : static_cast<double>(g->second);
            double t = static_cast<double>(h->second.distinct);
            p = (c + t * p) / (static_cast<double>(h->second.total) + t);
        }
        total += std::log(p);
    }
    return total;
}

std::string NgramModel::serialize(std::string_view tag) const {
    // Highest-order grams only, in key order so the file is reproducible.
    std::vector<std::pair<uint32_t, uint64_t>> top;
    for (const auto& [k, c] : grams_) {
        if (static_cast<int>(k >> (6 * order_)) == order_) top.emplace_back(k, c);
    }
    std::sort(top.begin(), top.end());
    std::string out;
    for (const auto& [k, c] : top) {
        out += tag;
        out += ' ';
        for (int i = order_ - 1; i >= 0; --i) out += kSymbolChars[(k >> (6 * i)) & 63];
        out += ' ';
        out += std::to_string(c);
        out += '\n';
    }
    return out;
}

bool NgramModel::load_line(std::string_view gram, uint64_t n) {
    if (gram.size() != static_cast<size_t>(order_) || n == 0) return false;
    uint8_t syms[4];
    for (size_t i = 0; i < gram.size(); ++i) {
        size_t pos = kSymbolChars.find(gram[i]);
        if (pos == std::string_view::npos) return false;
        syms[i] = static_cast<uint8_t>(pos);
    }
    count(syms, n);
    return true;
}

NameModel::NameModel(NgramModel real, NgramModel random, double threshold, size_t min_length)
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
    return NameModel(std::move(real), std::move(random), threshold, min_length);
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
