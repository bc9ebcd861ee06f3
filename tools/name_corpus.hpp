#pragma once
// The name corpora behind the random-name model and the split they are measured on: shared by
// tools/train_name_model (which builds data/name_model.txt) and the unit test that checks the
// committed model's error rates on names it never saw.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/name_model.hpp"

namespace ctguard {

// One name per line; '#' comments and blank lines skipped; each name cut to 15 bytes (what comm
// holds), duplicates dropped, order kept.
std::vector<std::string> read_name_corpus(const std::vector<std::string>& files);
// data/names/*.txt, sorted by file name.
std::vector<std::string> name_corpus_files(const std::string& dir);

// Random names in the shapes malware uses (XOR.DDoS's 10-12 characters of [a-zA-Z0-9] like
// "dmsFZqnoz13z", all-lowercase, hex, lowercase with digits, mixed-case letters), reproducible:
// the same seed gives the same names on every platform.
std::vector<std::string> random_names(uint64_t seed, size_t count);
inline constexpr uint64_t kRandomNameSeed = 0x5eed2024c79a4d;
inline constexpr size_t kRandomNameCount = 20000;
// Names the way XOR.DDoS-like malware makes them ("dmsFZqnoz13z"): mixed-case letters and digits,
// 6 to 16 long (comm keeps 15), for measuring detection on names from a seed training never used.
std::vector<std::string> alnum_names(uint64_t seed, size_t count);

// Every name's split follows from its text alone (FNV-1a hash): 70% train, 10% validation
// (chooses the threshold), 20% test (held out: the reported rates).
enum class Split { train, validation, test };
Split split_of(std::string_view name);
std::vector<std::string> names_in(const std::vector<std::string>& names, Split split);

struct Rates {
    size_t real = 0, real_flagged = 0;      // false positives among real names
    size_t random = 0, random_flagged = 0;  // detections among random names
    double false_positive_rate() const { return real ? double(real_flagged) / double(real) : 0; }
    double detection_rate() const { return random ? double(random_flagged) / double(random) : 0; }
};
Rates evaluate(const NameModel& model, const std::vector<std::string>& real, const std::vector<std::string>& random);

}  // namespace ctguard
