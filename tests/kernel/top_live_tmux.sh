# top --live in a terminal, through tmux (send-keys, capture-pane), on a throw-away namespace's table:
# it starts and shows the groups and the kernel's count, Tab changes the key (netns: the tables), a filter typed after /
# applies, a flush runs only after y (conntrack -C is the oracle), the header shows a resync, space pauses, ? shows the keys, it
# follows a resize, and Ctrl-C quits with the terminal restored. Without a terminal, or without its
# ncurses module (ctguard-terminal.so), it refuses in one line.
# Every wait polls the screen, bounded.
. "$TEST_LIB"
set -e
command -v tmux >/dev/null || skip "tmux is not installed"
ns=$(new_netns tlive)
sock=$(mktemp -u /tmp/ctguard-tmux.XXXXXX)
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -f "$sock"; cleanup_netns' EXIT INT TERM
# Entries created before any event listener carry no event extension (the kernel's default, set
# here so the test does not depend on it): their end is never reported. The flush below ends 50 such
# entries, so the view's table holds more than the kernel's until it resyncs by dump.
in_ns "$ns" sysctl -qw net.netfilter.nf_conntrack_events=2
add() { in_ns "$ns" "$FIXTURE" insert "$@" >/dev/null; }
add --count 300 --sources 3 --src 198.18.1.0/24 --dport 80
add --count 50 --sources 1 --src 198.18.2.0/24 --dport 22
assert_eq "$(in_ns "$ns" conntrack -C)" 350 "fixture"

expect_exit 64 "$CTGUARD" --netns "$ns" top --live </dev/null
expect_err "ctguard: top --live: needs a terminal"

# A terminal ncurses does not know: one line and 69, not ncurses' own exit.
tmux -S "$sock" -f /dev/null new-session -d -s bogus -x 80 -y 24 \
    "TERM=no-such-terminal $CTGUARD --netns $ns top --live; echo EXITED \$?; exec sleep 600"
wait_until 20 "the refusal of an unknown terminal" sh -c "tmux -S '$sock' capture-pane -p -t bogus | grep -q 'EXITED 69'"
tmux -S "$sock" capture-pane -p -t bogus | grep -qF "ctguard: top --live: cannot drive this terminal (TERM=no-such-terminal)" \
    || { tmux -S "$sock" capture-pane -p -t bogus; fail "no one-line refusal of an unknown terminal"; }
tmux -S "$sock" kill-session -t bogus

# A binary without its terminal module beside it (ncurses is loaded only by the view): one line, 69.
lone=$(mktemp -d)
cp "$CTGUARD" "$lone/ctguard"
tmux -S "$sock" -f /dev/null new-session -d -s lone -x 80 -y 24 \
    "TERM=xterm-256color $lone/ctguard --netns $ns top --live; echo EXITED \$?; exec sleep 600"
wait_until 20 "the refusal without the module" sh -c "tmux -S '$sock' capture-pane -p -t lone | grep -q 'EXITED 69'"
tmux -S "$sock" capture-pane -p -J -t lone | grep -qF "cannot load ctguard-terminal.so: not in $lone/ctguard-terminal.so" \
    || { tmux -S "$sock" capture-pane -p -t lone; rm -rf "$lone"; fail "no one-line refusal without the module"; }
tmux -S "$sock" kill-session -t lone
rm -rf "$lone"

# After the view ends, the pane says how it ended and whether the terminal is back in its usual modes.
after='echo EXITED $?; stty -a | tr " ;" "\n\n" | grep -xE -- "-?(icanon|echo)" | tr "\n" " "; echo; exec sleep 600'
tmux -S "$sock" -f /dev/null new-session -d -x 80 -y 24 \
    "TERM=xterm-256color LANG=C.UTF-8 $CTGUARD --netns $ns top --live --by src; $after"
keys() { tmux -S "$sock" send-keys "$@"; }
screen() { tmux -S "$sock" capture-pane -p; }
# shows TEXT [SECONDS]: until the screen holds TEXT.
shows() {
    local i=0
    until screen | grep -qF -- "$1"; do
        i=$((i + 1))
        [ "$i" -le $((${2:-20} * 20)) ] || { screen; fail "waited for '$1' on the screen"; }
        sleep 0.05
    done
}
count_is() { [ "$(in_ns "$ns" conntrack -C)" = "$1" ]; }

shows "ctguard top --live --netns $ns"
shows "table  350 / "
shows "198.18.2.0 "
shows "q quit"
screen | grep -q '^SRC ' || { screen; fail "no SRC column"; }

keys Tab
shows "DST "
keys BTab
shows "SRC "
# Shift-Tab from src is the netns key: the tables, this namespace's row with its 350 entries.
keys BTab
shows "NETNS "
wait_until 20 "this namespace's row with its 350 entries" sh -c "tmux -S '$sock' capture-pane -p | grep -qE '^$ns +350 '"
keys Tab
shows "SRC "

# The 50 entries of 198.18.2.0 are the fourth row (three sources of 100 above them).
keys Down Down Down f
shows "flush the 50 entries of 198.18.2.0?"
shows "  ctguard --netns $ns flush --src 198.18.2.0"
keys n
shows "cancelled: nothing was done"
count_is 350 || fail "a cancelled flush deleted entries"
keys f
shows "y runs it; any other key cancels"
keys y
wait_until 20 "the flush to delete 50 entries" count_is 300
shows "done:"
shows "table  300 / "
# The flushed entries' ends were not reported: the view notices that it holds more than the kernel
# counts, reads the table again, and says so in the header; the row of 198.18.2.0 is gone.
shows "resynced " 30
screen | grep -q "^198\.18\.2\.0 " && { screen; fail "the flushed source is still a row after the resync"; }

keys -l "/--dport 80"
keys Enter
shows "filter --dport 80"
shows "300 entries in 3 groups"

tmux -S "$sock" resize-window -x 100 -y 30
shows "q quit"
wait_until 20 "the keys line on row 30" sh -c "tmux -S '$sock' capture-pane -p | sed -n 30p | grep -q 'q quit'"

keys Space
shows "PAUSED (space resumes)"
keys Space
keys ?
shows "Tab / Shift-Tab"
keys x
shows "q quit"

# Ctrl-C arrives as a key (raw mode), so it quits through the same path as q.
keys C-c
shows "EXITED 0"
screen | grep -q "q quit" && { screen; fail "the view's screen is still there after q"; }
# The pane prints the modes just after EXITED: wait for that line, whatever it says, then judge it.
wait_until 20 "the terminal's modes after the view" \
    sh -c "tmux -S '$sock' capture-pane -p | grep -qE '^-?icanon -?echo'"
screen | grep -qx "icanon echo *" || { screen; fail "the terminal's modes were not restored"; }
