#pragma once
// Reads a shell command line (a crontab entry, an ExecStart=, a line of rc.local or ~/.bashrc) for the
// two things malware start-up lines do: fetch code and run it, or run a program kept in a place anyone
// can write to (or hidden behind a dot).
#include <optional>
#include <string>
#include <string_view>

namespace ctguard {

// Longer lines are not judged: libstdc++'s std::regex matcher recurses once per character and overflows
// the stack on a line of a few hundred KiB, and no real start-up command is this long. A caller reports
// such a line as too long to judge, since padding is a way to hide one.
inline constexpr size_t max_command_length = 4096;

// True for a downloader or decoder whose output is run:
//   curl -fsSL http://x/a.sh | sh        wget -qO- x | bash        bash -c "$(curl -s x)"
//   wget x -O /tmp/k; chmod +x /tmp/k     echo aGk= | base64 -d | sh    bash <(curl -s x)
// False for a command longer than max_command_length.
bool runs_fetched_code(std::string_view command);

// The program (or script given to an interpreter) the command runs from /tmp, /var/tmp, /dev/shm or a
// directory whose name starts with a dot, e.g. "/tmp/.x/kworker" in "nohup /tmp/.x/kworker >/dev/null &".
// Arguments are not programs: "find /tmp -mtime +7 -delete" runs find. With `home_dots_ok`, dot
// directories under a home directory (~/.local/bin, $HOME/.cargo/env) are not counted: shell start-up
// files use them all the time.
std::optional<std::string> writable_exec_path(std::string_view command, bool home_dots_ok = false);

}  // namespace ctguard
