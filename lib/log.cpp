#include "lib/log.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <set>

#include "lib/text.hpp"

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

// systemd sets JOURNAL_STREAM to "DEVICE:INODE" of the stream it connects to the service's stderr.
// Children inherit the variable even when their stderr goes elsewhere (a hook's `2>file`, a shell
// started from the service), so the stream itself must match.
bool stderr_is_journal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (!stream) return false;
    unsigned long long dev = 0, ino = 0;
    if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
    struct stat st {};
    return ::fstat(STDERR_FILENO, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
}

// Each line of `text` behind the priority when stderr is the journal, so every journal entry has one.
std::string with_priority(LogLevel level, std::string_view text, bool journal) {
    std::string out;
    out.reserve(text.size() + 4);
    for (auto line : split(text, '\n')) {
        if (journal) {
            out += '<';
            out += static_cast<char>('0' + static_cast<int>(level));
            out += '>';
        }
        out += line;
        out += '\n';
    }
    return out;
}

// A single write() per call keeps lines whole when hooks share our stderr.
void write_stderr(const std::string& text) {
    static std::mutex mu;
    std::lock_guard lock(mu);
    ssize_t ignored = ::write(STDERR_FILENO, text.data(), text.size());
    (void)ignored;
}

bool journal() {
    static const bool is = stderr_is_journal();
    return is;
}

}  // namespace

std::string log_text(LogLevel level, std::string_view message, bool journal) {
    std::string line = "ctguard: ";
    line += level_word(level);
    // One event, one line: embedded newlines (from a hook's message, say) would split the entry, and
    // the rest of a name an intruder chose (ESC, bytes that are not UTF-8) must not reach a terminal.
    std::string flat(message);
    std::replace_if(
        flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    line += printable(flat);
    return with_priority(level, line, journal);
}

void log_line(LogLevel level, std::string_view message) {
    write_stderr(log_text(level, message, journal()));
}

// Unlike log_line, this keeps the lines of a reason (nft's error output is several) as they are.
void log_failure(const Error& e) {
    std::string text = "ctguard: " + e.what + ": " + e.why;
    if (!e.hint.empty()) text += "\nhint: " + e.hint;
    write_stderr(with_priority(LogLevel::error, text, journal()));
}

void warn_once(std::string_view message) {
    static std::mutex mu;
    static std::set<std::string, std::less<>> seen;
    {
        std::lock_guard lock(mu);
        if (!seen.emplace(message).second) return;
    }
    log_warning(message);
}

bool run_logged(std::string_view what, const std::function<void()>& f) {
    try {
        f();
        return true;
    } catch (const std::exception& e) {
        log_error(std::string(what) + ": unexpected error: " + e.what());
        return false;
    }
}

}  // namespace ctguard
