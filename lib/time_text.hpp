#pragma once
// Times and durations as people write them in configs and on the command line.
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

// "90d", "12h", "30m", "45s", "250ms" or a bare number of seconds ("0.5"); nullopt on junk or < 0.
std::optional<double> parse_duration(std::string_view text);
// Seconds since the epoch -> "2024-05-01T12:00:03.250Z" (UTC, milliseconds).
std::string format_rfc3339(double unix_seconds);
// "2024-05-01", "2024-05-01T12:00:03Z", "2024-05-01 12:00:03", with optional fraction and a Z or
// +HH:MM offset; a date or a time without offset is UTC. nullopt on anything else.
std::optional<double> parse_rfc3339(std::string_view text);
// A human duration for logs: "45 s", "7 min", "3.2 h".
std::string format_duration_short(double seconds);
// Seconds since the epoch now (wall clock) and on the monotonic clock (for deadlines).
double wall_seconds();
double monotonic_seconds();

}  // namespace ctguard
