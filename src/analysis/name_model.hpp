#pragma once
// Does a process name look machine-generated (XOR.DDoS's "dmsFZqnoz13z") or like a real program?
// Two character n-gram models with Witten-Bell smoothing, one trained on real names (executables,
// daemons, kernel threads, Debian packages: data/names/), one on random strings of the shapes
// malware uses. The score is their log-likelihood ratio per character: above the threshold the
// name is more likely random. tools/train_name_model builds data/name_model.txt, which the build
// turns into constant tables (tools/name_model_table) compiled into the binary.
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "lib/result.hpp"

namespace ctguard {

// Names are read as symbols: letters without their case, one class for all digits (kworker/0:1 and
// kworker/7:3 are the same shape), - _ . / : space, one class for anything else, and a boundary
// symbol. Case is folded because real programs name themselves in CamelCase (NetworkManager,
// PassengerAgent, "Plex Media Serv", Firefox's "Web Content"), which a model trained mostly on
// lowercase names took for XOR.DDoS's mixed case: 41 of 64 such names were flagged before.
inline constexpr int kNameSymbols = 35;
inline constexpr size_t kNameMaxLength = 15;  // the kernel's comm limit (TASK_COMM_LEN - 1)
uint8_t name_symbol(char c);

// A frozen n-gram model: the counts of every order's grams and the statistics of every history,
// each in arrays sorted by key (n symbols of 6 bits under n itself) and looked up by binary search.
// The built-in model's arrays are static data, so a start reads only the pages its lookups touch;
// a table made at run time (NgramModel::freeze) owns its arrays.
class NgramTable {
  public:
    struct Arrays {
        std::span<const uint32_t> gram_keys, gram_counts;        // C(g), every order's grams
        std::span<const uint32_t> context_keys, context_totals;  // C(h), every history
        std::span<const uint8_t> context_distinct;               // T(h): symbols seen after h
    };
    // Over arrays that outlive the table (the generated built-in model): nothing is copied.
    NgramTable(int order, Arrays arrays) : order_(order), arrays_(arrays) {}
    int order() const { return order_; }
    const Arrays& arrays() const { return arrays_; }
    // Natural log of the probability of the whole name, end boundary included.
    double log_prob(std::string_view name) const;
    // Highest-order counts as "TAG GRAM COUNT" lines (symbols as printable characters), in key order.
    std::string serialize(std::string_view tag) const;

  private:
    friend class NgramModel;
    struct Storage;
    NgramTable(int order, std::shared_ptr<const Storage> storage);

    int order_;
    Arrays arrays_;
    std::shared_ptr<const Storage> storage_;  // owns the arrays of a table made at run time
};

// Counts n-grams: what training and NameModel::parse build a table from.
class NgramModel {
  public:
    explicit NgramModel(int order = 3) : order_(order) {}
    int order() const { return order_; }
    // Counts every n-gram of `name` (boundary-padded, first kNameMaxLength bytes).
    void add(std::string_view name);
    // One "GRAM COUNT" line of NgramTable::serialize; false if it is not one, or if the counts
    // would no longer fit the table's 32 bits.
    bool load_line(std::string_view gram, uint64_t count);
    NgramTable freeze() const;

  private:
    struct Context {
        uint32_t total = 0;     // C(h)
        uint32_t distinct = 0;  // T(h)
    };
    void count(const uint8_t* gram, uint32_t n);

    int order_;
    std::map<uint32_t, uint32_t> grams_;    // every order's n-gram counts, by key
    std::map<uint32_t, Context> contexts_;  // every order's history statistics, by key
};

class NameModel {
  public:
    // The model compiled into the binary (generated from data/name_model.txt at build time).
    static const NameModel& builtin();
    // data/name_model.txt format: "threshold F", "min_length N", "order real|random N", then
    // "real GRAM COUNT" and "random GRAM COUNT" lines; '#' starts a comment.
    static Result<NameModel> parse(std::string_view text);
    NameModel(NgramTable real, NgramTable random, double threshold, size_t min_length);
    std::string serialize() const;

    // Per-character log-likelihood ratio, log P(random) - log P(real): above 0 leans random.
    double score(std::string_view name) const;
    // Long enough to judge (short names like "sh" or "ss" are never called random) and above threshold.
    bool is_random(std::string_view name) const;
    double threshold() const { return threshold_; }
    size_t min_length() const { return min_length_; }
    const NgramTable& real() const { return real_; }
    const NgramTable& random() const { return random_; }

  private:
    NgramTable real_, random_;
    double threshold_;
    size_t min_length_;
};

}  // namespace ctguard
