#pragma once
// Is a process likely malware? A weighted sum of plain signals, each with a reason in words.
//
//   signal                                                     weight
//   name looks random (the name model, on comm and exe name)    0.40
//   binary deleted after start                                 0.30
//   binary under /tmp, /var/tmp, /dev/shm, /run/user or a hidden directory   0.30
//   member of a rotating group (respawns under new names)       0.30
//   outbound fan-out: >= 64 unanswered entries or >= 64 destinations          0.30
//   holds raw or packet sockets                                0.20
//   comm differs from the binary's name (unpackaged binaries)   0.15
//   binary not owned by any installed package                  0.15
//   no terminal and parent is init (detached daemon)           0.10
//
// The score is the sum, capped at 1; a process is suspicious from kSuspiciousScore (0.5) on: no
// single weak signal (a daemon, a DHCP client's packet socket, a hand-built tool) gets there alone,
// while a random name plus a binary in /tmp does. Kernel threads are never scored.
#include <string_view>

#include "analysis/name_model.hpp"
#include "model/process.hpp"

namespace ctguard {

inline constexpr double kSuspiciousScore = 0.5;
inline constexpr uint64_t kFanOutUnreplied = 64;
inline constexpr size_t kFanOutDestinations = 64;

// Fills name_score, score, suspicious and reasons of `p` (rotating: it belongs to a rotating group).
void assess(ProcessReport& p, bool rotating, const NameModel& model);

// Where malware drops its binaries: world-writable temporary directories and hidden directories.
// Returns a short description ("/tmp", "a hidden directory") or "" for an ordinary place.
std::string risky_location(std::string_view exe);
// comm is the first 15 bytes of the name a program was started as (unless it renamed itself):
// "python3" for /usr/bin/python3.11 is the same program, "sshd" for /tmp/x/dmsFZ is not.
bool names_related(std::string_view comm, std::string_view exe_name);

}  // namespace ctguard
