#include "report/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "lib/text.hpp"

namespace ctguard {

void TextTable::add_row(std::vector<std::string> cells) {
    for (auto& c : cells) c = printable(c);
    rows_.push_back(std::move(cells));
}

std::string TextTable::render(const std::string& indent) const {
    std::vector<size_t> width(columns_.size());
    for (size_t c = 0; c < columns_.size(); ++c) width[c] = columns_[c].title.size();
    for (const auto& row : rows_) {
        for (size_t c = 0; c < row.size() && c < width.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    }
    std::string out;
    auto emit = [&](auto cell_at) {
        std::string line = indent;
        for (size_t c = 0; c < columns_.size(); ++c) {
            const std::string& cell = cell_at(c);
            if (c > 0) line += "  ";
            bool last = c + 1 == columns_.size();
            if (columns_[c].align == Align::right)
                line += fmt::format("{:>{}}", cell, width[c]);
            else if (last)
                line += cell;
            else
                line += fmt::format("{:<{}}", cell, width[c]);
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line;
        out += '\n';
    };
    emit([&](size_t c) -> const std::string& { return columns_[c].title; });
    static const std::string blank;
    for (const auto& row : rows_)
        emit([&](size_t c) -> const std::string& { return c < row.size() ? row[c] : blank; });
    return out;
}

std::string usage_bar(double fraction, int width) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    int filled = static_cast<int>(fraction * width + 0.5);
    std::string bar;
    bar.reserve(static_cast<size_t>(width) + 2);
    bar.push_back('[');
    bar.append(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(width - filled), '-');
    bar.push_back(']');
    return bar;
}

std::string percent(double fraction) {
    return fmt::format("{:.1f}%", fraction * 100.0);
}

std::string word_wrap(const std::string& text, const std::string& first, const std::string& rest,
                      size_t width) {
    std::string out, line = first;
    size_t indent = first.size();
    const std::string shown = printable(text);
    for (auto word : split(shown, ' ')) {
        if (word.empty()) continue;
        if (line.size() > indent && line.size() + 1 + word.size() > width) {
            out += line;
            out += '\n';
            line = rest;
            indent = rest.size();
        }
        if (line.size() > indent) line += ' ';
        line += word;
    }
    out += line;
    out += '\n';
    return out;
}

}  // namespace ctguard
