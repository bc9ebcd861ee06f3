#pragma once
// Bounded exchanges on a non-blocking stream socket: every call gives up at a monotonic deadline
// (lib/time_text monotonic_seconds), so a peer that stops reading or writing cannot hold the caller.
// The daemon's socket and its clients (`top`, `status`, `check`) talk through these.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

// Milliseconds from now to `deadline` for poll(2), 0 once it passed.
int ms_until(double deadline);
// Waits for `events` on fd until the deadline; false when it passed or poll failed.
bool wait_for(int fd, short events, double deadline);
// Sends all of `data`; false when the peer left, the send failed or the deadline passed.
bool send_all(int fd, std::string_view data, double deadline);
// Appends what the socket has, at most `room` bytes, to `buf`; false when it closed, failed or the
// deadline passed.
bool receive_more(int fd, std::string& buf, size_t room, double deadline);
// Receives into `buf` until it holds a line of at most `max` bytes; returns the line without its
// newline and leaves in `buf` what followed it.
std::optional<std::string> receive_line(int fd, std::string& buf, size_t max, double deadline);
// Receives into `buf` until it holds `size` bytes; false when the socket closed, failed or the
// deadline passed first, or `buf` held more already.
bool receive_exactly(int fd, std::string& buf, size_t size, double deadline);

}  // namespace ctguard
