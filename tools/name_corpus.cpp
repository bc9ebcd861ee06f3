#include "tools/name_corpus.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <unordered_set>

#include "lib/text.hpp"

namespace ctguard {

std::vector<std::string> read_name_corpus(const std::vector<std::string>& files) {
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    for (const auto& file : files) {
        std::ifstream in(file);
        std::string line;
        while (std::getline(in, line)) {
            auto name = trim(line);
            if (name.empty() || name[0] == '#') continue;
            std::string cut(name.substr(0, kNameMaxLength));
            if (seen.insert(cut).second) out.push_back(cut);
        }
    }
    return out;
}

std::vector<std::string> name_corpus_files(const std::string& dir) {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() == ".txt") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> random_names(uint64_t seed, size_t count) {
    // mt19937_64's output is fixed by the standard; the distributions are not, so we map by hand.
    std::mt19937_64 rng(seed);
    auto below = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    static constexpr std::string_view kAlnum =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static constexpr std::string_view kLower = kAlnum.substr(0, 26);
    static constexpr std::string_view kLetters = kAlnum.substr(0, 52);
    static constexpr std::string_view kHex = "0123456789abcdef";
    static constexpr std::string_view kLowerDigits = "abcdefghijklmnopqrstuvwxyz0123456789";
    struct Shape {
        std::string_view chars;
        size_t min_len, max_len;
        size_t weight;  // out of 100
    };
    static constexpr Shape kShapes[] = {{kAlnum, 10, 12, 40},
                                        {kLower, 6, 15, 20},
                                        {kHex, 8, 15, 15},
                                        {kLowerDigits, 6, 15, 15},
                                        {kLetters, 6, 12, 10}};
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    while (out.size() < count) {
        size_t pick = below(100);
        const Shape* shape = kShapes;
        while (pick >= shape->weight) pick -= (shape++)->weight;
        size_t len = shape->min_len + below(shape->max_len - shape->min_len + 1);
        std::string name;
        for (size_t i = 0; i < len; ++i) name += shape->chars[below(shape->chars.size())];
        if (seen.insert(name).second) out.push_back(std::move(name));
    }
    return out;
}

std::vector<std::string> alnum_names(uint64_t seed, size_t count) {
    static constexpr std::string_view kAlnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::mt19937_64 rng(seed);
    std::vector<std::string> out;
    while (out.size() < count) {
        size_t len = 6 + static_cast<size_t>(rng() % 11);
        std::string name;
        for (size_t i = 0; i < len; ++i) name += kAlnum[static_cast<size_t>(rng() % kAlnum.size())];
        out.push_back(name.substr(0, kNameMaxLength));
    }
    return out;
}

Split split_of(std::string_view name) {
    uint64_t h = 1469598103934665603ull;
    for (char c : name) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ull;
    uint64_t bucket = h % 10;
    return bucket < 7 ? Split::train : bucket < 8 ? Split::validation : Split::test;
}

std::vector<std::string> names_in(const std::vector<std::string>& names, Split split) {
    std::vector<std::string> out;
    for (const auto& n : names) {
        if (split_of(n) == split) out.push_back(n);
    }
    return out;
}

Rates evaluate(const NameModel& model, const std::vector<std::string>& real,
               const std::vector<std::string>& random) {
    Rates r;
    r.real = real.size();
    r.random = random.size();
    for (const auto& n : real) r.real_flagged += model.is_random(n);
    for (const auto& n : random) r.random_flagged += model.is_random(n);
    return r;
}

}  // namespace ctguard
