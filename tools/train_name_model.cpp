// train_name_model: builds the random-name model from the project's name corpora.
//
//   train_name_model NAMES_DIR OUT_FILE            write the model, print its error rates
//   train_name_model NAMES_DIR OUT_FILE --check    fail if OUT_FILE is not what training gives
//
// Real names come from NAMES_DIR/*.txt, random ones from a fixed seed; both are split by a hash of
// the name (tools/name_corpus.hpp). The real-name model is a character 4-gram model, the random
// one a unigram model (random strings have no structure beyond their character set). The threshold
// is the lowest that keeps the validation false-positive rate at or under 0.5%; the test split
// is never looked at until the rates are printed.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "lib/atomic_file.hpp"
#include "lib/text.hpp"
#include "tools/name_corpus.hpp"

using namespace ctguard;

namespace {

constexpr int kRealOrder = 4;
constexpr int kRandomOrder = 1;
constexpr size_t kMinLength = 6;
constexpr double kTargetFalsePositives = 0.005;

double choose_threshold(const NgramTable& real, const NgramTable& random,
                        const std::vector<std::string>& validation) {
    NameModel probe(real, random, 0, kMinLength);
    std::vector<double> scores;
    for (const auto& n : validation) {
        if (n.size() >= kMinLength) scores.push_back(probe.score(n));
    }
    std::sort(scores.begin(), scores.end(), std::greater<>());
    auto allowed = static_cast<size_t>(kTargetFalsePositives * static_cast<double>(validation.size()));
    if (scores.empty()) return 0;
    double edge = scores[std::min(allowed, scores.size() - 1)];
    // Just above the first name we may not flag, rounded up to the 4 decimals the file keeps.
    return std::ceil((edge + 1e-9) * 10000.0) / 10000.0;
}

void print_rates(const char* split, const Rates& r) {
    std::printf("%-10s real %5zu  false positives %3zu (%.2f%%)   random %5zu  detected %5zu (%.2f%%)\n",
                split, r.real, r.real_flagged, 100 * r.false_positive_rate(), r.random, r.random_flagged,
                100 * r.detection_rate());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4 || (argc == 4 && std::string(argv[3]) != "--check")) {
        std::fprintf(stderr, "usage: train_name_model NAMES_DIR OUT_FILE [--check]\n");
        return 64;
    }
    const std::string out_file = argv[2];
    auto real = read_name_corpus(name_corpus_files(argv[1]));
    auto random = random_names(kRandomNameSeed, kRandomNameCount);

    NgramModel real_model(kRealOrder), random_model(kRandomOrder);
    for (const auto& n : names_in(real, Split::train)) real_model.add(n);
    for (const auto& n : names_in(random, Split::train)) random_model.add(n);
    NgramTable real_table = real_model.freeze(), random_table = random_model.freeze();
    double threshold = choose_threshold(real_table, random_table, names_in(real, Split::validation));
    NameModel model(real_table, random_table, threshold, kMinLength);
    std::string text = model.serialize();

    if (argc == 4) {
        auto current = read_small_file(out_file);
        if (!current || *current != text) {
            std::fprintf(stderr, "train_name_model: %s is not what training gives; rerun without --check\n",
                         out_file.c_str());
            return 1;
        }
        std::printf("%s is up to date\n", out_file.c_str());
        return 0;
    }
    if (auto r = write_file_atomic(out_file, text); !r) {
        std::fprintf(stderr, "train_name_model: %s: %s\n", r.error().what.c_str(), r.error().why.c_str());
        return 73;
    }
    std::printf("%zu real names, %zu random names, threshold %.4f, min length %zu\n", real.size(),
                random.size(), threshold, kMinLength);
    for (auto [label, split] : {std::pair{"train", Split::train}, std::pair{"validation", Split::validation},
                                std::pair{"test", Split::test}}) {
        print_rates(label, evaluate(model, names_in(real, split), names_in(random, split)));
    }
    return 0;
}
