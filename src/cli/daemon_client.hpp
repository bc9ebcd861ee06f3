#pragma once
// `top`, `status` and `check` ask the daemon's live table when one can answer for the caller's
// namespace (docs/CLI.md "The daemon's socket"), and read the kernel themselves otherwise, without a word.
#include <optional>
#include <string>

#include "cli/options.hpp"
#include "daemon/live_entries_wire.hpp"
#include "daemon/live_protocol.hpp"

namespace ctguard {

// $CTGUARD_SOCKET, else the daemon's default (/run/ctguard/ctguard.sock).
std::string daemon_socket_path();

// Sends `request` (its netns and json fields are filled here) and prints the answer. False, with
// nothing printed, when no daemon answered: no socket, one that is not root's or a dead one, no
// answer within a deadline, another protocol version, or no live table of this namespace.
bool print_from_daemon(const GlobalOptions& g, LiveRequest request);

// Every entry of the daemon's live table of this namespace, received whole and checked. nullopt when
// no daemon answered (as above), or its answer was short, too long or held a record that is not one.
std::optional<ReceivedEntries> entries_from_daemon(const GlobalOptions& g);

}  // namespace ctguard
