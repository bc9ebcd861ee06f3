# daemon: SIGHUP reloads the configuration (new thresholds apply to the running tenants, a removed
# tenant's open incident ends as "removed", a broken file is logged and the running configuration
# kept); SIGINT and SIGTERM stop it with exit 0.
. "$TEST_LIB"
. "$SRC_DIR/tests/daemon_lib.sh"
set -e
a=$(new_netns a); b=$(new_netns b)
in_ns "$a" "$FIXTURE" insert --count 80 >/dev/null
in_ns "$b" "$FIXTURE" insert --count 80 >/dev/null

config() {  # config WARN [EXTRA TENANT NS]
    daemon_toml "$T/history.db"
    printf '[thresholds]\nwarn = %s\n' "$1"
    netns_tenants "$a" ${2:+"$2"}
    printf '[[action]]\non = ["warn", "recover"]\nexec = "%s"\n' "$T/hook.sh"
}

config 100 "$b" >"$T/ctguard.toml"
start_daemon "$T/ctguard.toml"
wait_log 2 "watching namespace"
wait_intervals 3
assert_eq "$(events '*' | wc -l)" 0 "events below the threshold"

# Lower the threshold: both tenants cross without a restart.
config 50 "$b" >"$T/ctguard.toml"
kill -HUP "$DPID"
wait_log 1 "reloaded $T/ctguard.toml"
wait_events 1 "*-$a-elevated" 2
wait_events 1 "*-$b-elevated" 2

# A broken file is reported with its line and key, and changes nothing.
printf '[thresholds]\nwarn = "many"\n' >"$T/ctguard.toml"
kill -HUP "$DPID"
wait_log 1 "error: reload: $T/ctguard.toml:2: thresholds.warn: must be an integer from 1 to 4294967295; keeping the running configuration"
wait_intervals 3
assert_eq "$(events '*' | wc -l)" 2 "events after a broken reload"

# Drop tenant b: it is no longer watched and its incident ends.
config 50 >"$T/ctguard.toml"
kill -HUP "$DPID"
wait_log 1 "tenant $b: no longer in the configuration"
wait_log 2 "reloaded"
kill -INT "$DPID"
wait "$DPID" || fail "exit $? after SIGINT"
DPID=""

expect_exit 0 "$CTGUARD" --json history --db "$T/history.db"
assert_eq "$(json 'sorted((i["tenant"], i["end_reason"]) for i in j["incidents"])')" \
    "[('$a', 'shutdown'), ('$b', 'removed')]" "incident ends"

# A restarted daemon starts afresh and stops on SIGTERM with exit 0.
start_daemon "$T/ctguard.toml"
wait_events 2 "*-$a-elevated" 3
stop_daemon
