#pragma once
// Does a process name look machine-generated (XOR.DDoS's "dmsFZqnoz13z") or like a real program?
// Two character n-gram models with Witten-Bell smoothing, one trained on real names (executables,
// daemons, kernel threads, Debian packages: data/names/), one on random strings of the shapes
// malware uses. The score is their log-likelihood ratio per character: above the threshold the
// name is more likely random. tools/train_name_model builds data/name_model.txt, which is
// compiled into the binary.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lib/result.hpp"

namespace ctguard {

// Names are read as symbols: a-z, A-Z, one class for all digits (kworker/0:1 and kworker/7:3 are
// the same shape), - _ . / : space, one class for anything else, and a boundary symbol.
inline constexpr int kNameSymbols = 61;
inline constexpr size_t kNameMaxLength = 15;  // the kernel's comm limit (TASK_COMM_LEN - 1)
uint8_t name_symbol(char c);

class NgramModel {
  public:
    explicit NgramModel(int order = 3) : order_(order) {}
    int order() const { return order_; }
    // Counts every n-gram of `name` (boundary-padded, first kNameMaxLength bytes).
    void add(std::string_view name);
    // Natural log of the probability of the whole name, end boundary included.
    double log_prob(std::string_view name) const;
    // Highest-order counts as "GRAM COUNT" lines (symbols as printable characters); load() reads them.
    std::string serialize(std::string_view tag) const;
    bool load_line(std::string_view gram, uint64_t count);

  private:
    struct Context {
        uint64_t total = 0;     // C(h)
        uint64_t distinct = 0;  // T(h): symbols seen after h
    };
    static uint32_t key(const uint8_t* syms, int n);
    void count(const uint8_t* gram, uint64_t n);

    int order_;
    std::unordered_map<uint32_t, uint64_t> grams_;    // every order's n-gram counts
    std::unordered_map<uint32_t, Context> contexts_;  // every order's history statistics
};

class NameModel {
  public:
    // The model compiled into the binary.
    static const NameModel& builtin();
    // data/name_model.txt format: "threshold F", "min_length N", "order real|random N", then
    // "real GRAM COUNT" and "random GRAM COUNT" lines; '#' starts a comment.
    static Result<NameModel> parse(std::string_view text);
    NameModel(NgramModel real, NgramModel random, double threshold, size_t min_length);
    std::string serialize() const;

    // Per-character log-likelihood ratio, log P(random) - log P(real): above 0 leans random.
    double score(std::string_view name) const;
    // Long enough to judge (short names like "sh" or "ss" are never called random) and above threshold.
    bool is_random(std::string_view name) const;
    double threshold() const { return threshold_; }
    size_t min_length() const { return min_length_; }

  private:
    NgramModel real_, random_;
    double threshold_;
    size_t min_length_;
};

}  // namespace ctguard
