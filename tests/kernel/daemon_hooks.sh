# daemon: hooks never stop the watching. A hanging hook (and the child it started) is killed at its
# timeout, a failing one and a missing program are logged and counted, at most max_running_actions
# run at once, and another tenant's crossing is seen while a hook hangs.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
a=$(new_netns a); b=$(new_netns b); c=$(new_netns c); d=$(new_netns d)
marker="31.$$"  # sleep's argument doubles as a unique name to look for afterwards

{ daemon_toml "" "max_running_actions = 1" 'listen = "127.0.0.1:0"'; netns_tenants "$a" "$b" "$c" "$d"; cat <<CFG
[thresholds]
warn = 50
[[action]]
on = "warn"
tenants = ["$a"]
exec = ["/bin/sh", "-c", "sleep $marker; echo never"]
timeout = 10
[[action]]
on = "warn"
tenants = ["$b"]
exec = ["/bin/sh", "-c", "exit 3"]
[[action]]
on = "warn"
tenants = ["$c"]
exec = "/nonexistent/hook --flag"
[[action]]
on = "warn"
exec = "$T/hook.sh"
CFG
} >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_log 4 "watching namespace"
# $a first: its hanging hook takes the only slot (for 10 s: what follows must happen while it hangs,
# also on a loaded machine). Hooks start once their tenant's evidence is taken
# (tenants' dumps run side by side, so their hooks start in the order the dumps finish).
in_ns "$a" "$FIXTURE" insert --count 60 >/dev/null
i=0
until pgrep -f "sleep $marker" >/dev/null; do
    i=$((i + 1)); [ $i -le 40 ] || fail "the hanging hook is not running"
    sleep 0.05
done
for ns in "$b" "$c"; do in_ns "$ns" "$FIXTURE" insert --count 60 >/dev/null; done
wait_log 1 "tenant $c: ok -> elevated"
# The hook (sh and its sleep) has stdin, stdout and stderr, nothing else of the daemon's.
for pid in $(pgrep -f "sleep $marker"); do
    assert_eq "$(ls /proc/"$pid"/fd | sort -n | tr '\n' ' ')" "0 1 2 " "open files of hook process $pid"
done
# While it hangs (and holds the only slot), the daemon still watches.
in_ns "$d" "$FIXTURE" insert --count 60 >/dev/null
wait_log 1 "tenant $d: ok -> elevated" 8

wait_log 1 "hook $a ok->elevated: /bin/sh: killed after its 10 s timeout" 15
wait_log 1 "hook $b ok->elevated: /bin/sh: failed: exit status 3" 3
wait_log 1 "hook $c ok->elevated: /nonexistent/hook: cannot run: No such file or directory" 3
wait_events 4 "*-elevated" 5
child_gone() { ! pgrep -f "sleep $marker" >/dev/null; }
wait_until 5 "the hook's child to go with its timeout" child_gone

# One slot: every recording hook finished after the hanging one was killed, and the crossing of
# $d was noticed before that.
killed=$(grep -n "killed after its" "$T/log" | head -n1 | cut -d: -f1)
first_done=$(grep -n "hook.sh: done in" "$T/log" | head -n1 | cut -d: -f1)
d_seen=$(grep -n "tenant $d: ok -> elevated" "$T/log" | cut -d: -f1)
[ "$first_done" -gt "$killed" ] || fail "a hook ran while the hanging one held the only slot"
[ "$d_seen" -lt "$killed" ] || fail "the crossing of $d waited for the hanging hook"
stop_daemon
wait_log 1 "stopped \(3 action failure\(s\) since start\)"
