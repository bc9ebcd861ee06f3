#pragma once
// The daemon's log: one line per event on stderr. Under systemd (JOURNAL_STREAM set) each line
// starts with a <N> syslog priority, which journald turns into the entry's priority; on a terminal
// lines read "ctguard: warning: ...". Safe to call from any thread.
#include <string_view>

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

}  // namespace ctguard
