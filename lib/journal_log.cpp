#include "lib/journal_log.hpp"

#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>

namespace ctguard {

namespace {

const char* level_word(LogLevel level) {
    switch (level) {
        case LogLevel::error:
            return "error: ";
        case LogLevel::warning:
            return "warning: ";
        case LogLevel::info:
        case LogLevel::debug:
            return "";
    }
    return "";
}

}  // namespace

void log_line(LogLevel level, std::string_view message) {
    static const bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
    std::string line;
    line.reserve(message.size() + 32);
    if (journal) {
        line += '<';
        line += static_cast<char>('0' + static_cast<int>(level));
        line += '>';
    }
    line += "ctguard: ";
    line += level_word(level);
    // One event, one line: embedded newlines (from a hook's message, say) would split the entry.
    for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
    line += '\n';
    static std::mutex mu;
    std::lock_guard lock(mu);
    // A single write() per line keeps lines whole when hooks share our stderr.
    ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
}

}  // namespace ctguard
