#pragma once
// ctguard's log, for commands and the daemon alike: one line per event on stderr. When stderr is the
// journal (a systemd service; JOURNAL_STREAM names the stream) each line starts with a <N> syslog
// priority, which journald turns into the entry's priority, so `journalctl -p warning` shows only the
// problems; elsewhere (a terminal, a file) lines read "ctguard: warning: ...". Safe from any thread.
#include <functional>
#include <string>
#include <string_view>

#include "lib/result.hpp"

namespace ctguard {

enum class LogLevel { error = 3, warning = 4, info = 6, debug = 7 };

void log_line(LogLevel level, std::string_view message);
inline void log_error(std::string_view m) {
    log_line(LogLevel::error, m);
}
inline void log_warning(std::string_view m) {
    log_line(LogLevel::warning, m);
}
inline void log_info(std::string_view m) {
    log_line(LogLevel::info, m);
}
// A recoverable problem worth one warning: each distinct message is logged once per process.
void warn_once(std::string_view message);
// The error that ends a command (main reports it): "ctguard: WHAT: WHY", then "hint: HINT".
void log_failure(const Error& e);
// Runs f and logs an exception out of it as an error: one thrown in a thread would std::terminate
// the daemon, and one in its loop would stop the watching, whatever the input that caused it.
// Returns whether f finished.
bool run_logged(std::string_view what, const std::function<void()>& f);

// The line log_line() writes, with the journal's priority prefix or without.
std::string log_text(LogLevel level, std::string_view message, bool journal);

}  // namespace ctguard
