# procs --watch on a terminal shows its progress, and Ctrl-C (SIGINT) ends it early with a report of
# what it saw, not silence and not a lost result. The terminal is a pty from script(1).
. "$TEST_LIB"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root to follow processes"
command -v script >/dev/null || skip "script(1) from util-linux is missing"
tmp=$(mktemp -d); trap 'stop_bg; rm -rf "$tmp"' EXIT

# A pty for ctguard's stderr and stdout. script(1) ends the session when its stdin ends, so stdin
# is a FIFO that this shell holds open for writing until it exits.
mkfifo "$tmp/stdin"
exec 7<>"$tmp/stdin"
bg_start script -qfec "$CTGUARD procs --watch 120" "$tmp/tty" <"$tmp/stdin" >/dev/null
wait_until 30 "the progress line" grep -q "watching [0-9]* of 120 s: .* processes seen" "$tmp/tty"
pid=$(pgrep -f -n "^$CTGUARD procs --watch 120") || fail "ctguard is not running"
kill -INT "$pid"
wait_until 20 "the interrupted watch's report" grep -q "watched .* s through .* (interrupted): " "$tmp/tty"
grep -q "(interrupted)" "$tmp/tty"
stop_bg
# The progress line was erased before the report (no half line in front of it).
tr '\r' '\n' <"$tmp/tty" | grep -q "^watched .* (interrupted)" || fail "the report shares a line with the progress"
