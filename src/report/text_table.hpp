#pragma once
// Aligned plain-text tables: left-aligned text columns, right-aligned numbers.
#include <string>
#include <vector>

namespace ctguard {

class TextTable {
  public:
    enum class Align { left, right };
    struct Column {
        std::string title;
        Align align = Align::left;
    };

    explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
    // Cells hold names, paths and command lines an intruder may have chosen: they are made printable
    // (lib/text.hpp) so none can paint the terminal or start a forged row.
    void add_row(std::vector<std::string> cells);
    size_t rows() const { return rows_.size(); }
    // Two spaces between columns, a header line, no trailing blanks.
    std::string render(const std::string& indent = "") const;

  private:
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

// "[#####---------------]" for a fraction in [0, 1] (clamped).
std::string usage_bar(double fraction, int width = 30);
// 0.0473 -> "4.7%"
std::string percent(double fraction);
// Word-wraps `text` to `width` columns; the first line starts with `first`, the others with `rest`.
// Ends with a newline. Sentences quote names and lines of users' files, so `text` is made printable
// first: its only line breaks are the wrapping's.
std::string word_wrap(const std::string& text, const std::string& first, const std::string& rest,
                      size_t width = 100);

}  // namespace ctguard
