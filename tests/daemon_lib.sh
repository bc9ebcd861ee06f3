# Helpers for the daemon's kernel tests (sourced after $TEST_LIB). Each test gets a temp dir $T with
# a hook that stores every event it receives as $T/events/SEQ-TENANT-LEVEL.json.
T=$(mktemp -d /tmp/ctguard-daemon-test.XXXXXX)
DPID=""
mkdir -p "$T/events"
cat >"$T/hook.sh" <<'HOOK'
#!/bin/sh
# Stores the event from stdin; the name says who and what, the content is the JSON.
dir=$(dirname "$0")/events
n=$(date +%s%N)
cat >"$dir/.$n.tmp" && mv "$dir/.$n.tmp" "$dir/$n-$CTGUARD_TENANT-$CTGUARD_LEVEL.json"
HOOK
chmod +x "$T/hook.sh"

daemon_cleanup() {
    if [ -n "$DPID" ] && kill -0 "$DPID" 2>/dev/null; then
        kill -KILL "$DPID" 2>/dev/null || true
        wait "$DPID" 2>/dev/null || true
    fi
    rm -rf "$T"
}
trap 'daemon_cleanup; cleanup_netns' EXIT INT TERM

# start_daemon [--in NETNS] CONFIG [ARGS...]: the daemon in the background (inside NETNS if given, where
# it watches that namespace as its host); its log is $T/log, with a line per interval (--verbose).
start_daemon() {
    local run=()
    if [ "$1" = "--in" ]; then run=(ip netns exec "$2"); shift 2; fi
    local cfg=$1; shift
    "${run[@]}" "$CTGUARD" daemon --config "$cfg" --verbose "$@" >"$T/stdout" 2>"$T/log" &
    DPID=$!
}

# wait_log COUNT PATTERN [SECONDS]: until the log has COUNT lines matching the extended regex.
wait_log() {
    local want=$1 pattern=$2 limit=${3:-5} i=0
    while [ "$(log_count "$pattern")" -lt "$want" ]; do
        i=$((i + 1))
        if [ "$i" -gt $((limit * 20)) ]; then
            echo "--- daemon log"; cat "$T/log"
            fail "waited ${limit}s for $want log line(s) matching '$pattern'"
        fi
        kill -0 "$DPID" 2>/dev/null || { cat "$T/log"; fail "the daemon died"; }
        sleep 0.05
    done
}
# wait_intervals N: until the daemon has finished N more intervals. What a test asserts did *not*
# happen is then asserted after the daemon really looked, however slow the machine is.
wait_intervals() {
    wait_log $(($(log_count "interval: ") + $1)) "interval: " $(($1 + 5))
}
# log_count PATTERN: matching lines in the log; 0 while the daemon has not created it yet.
log_count() {
    local n
    n=$(grep -cE -- "$1" "$T/log" 2>/dev/null) || true
    echo "${n:-0}"
}

# wait_events COUNT [GLOB] [SECONDS]: until COUNT event files match GLOB (default: all).
wait_events() {
    local want=$1 pattern=${2:-*} limit=${3:-5} i=0
    while [ "$(events "$pattern" | wc -l)" -lt "$want" ]; do
        i=$((i + 1))
        if [ "$i" -gt $((limit * 20)) ]; then
            echo "--- events"; ls "$T/events"; echo "--- daemon log"; cat "$T/log"
            fail "waited ${limit}s for $want event(s) matching '$pattern'"
        fi
        sleep 0.05
    done
}
events() { find "$T/events" -name "$1.json" -type f | sort; }

# stop_daemon: SIGTERM must end it cleanly with exit 0.
stop_daemon() {
    kill -TERM "$DPID"
    set +e
    wait "$DPID"
    local rc=$?
    set -e
    DPID=""
    [ "$rc" -eq 0 ] || { cat "$T/log"; fail "daemon exited $rc after SIGTERM, wanted 0"; }
    grep -q "ctguard: stopped" "$T/log" || fail "no 'stopped' line in the log"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# daemon_toml DB [LINE...]: the [daemon] table of a test config: a 0.2 s interval, the history in DB
# ("" for none), each LINE as written, no /metrics unless a LINE sets listen, and the query socket
# in $T/run unless a LINE sets socket (tests run side by side: never the default path).
daemon_toml() {
    local db=$1 line listen='listen = ""' socket="socket = \"$T/run/ctguard.sock\""
    shift
    printf '[daemon]\ninterval = 0.2\ndb = "%s"\n' "$db"
    for line in "$@"; do
        case $line in listen*) listen="" ;; socket*) socket="" ;; esac
        echo "$line"
    done
    [ -z "$listen" ] || echo "$listen"
    [ -z "$socket" ] || echo "$socket"
}
# netns_tenants NS...: one [[tenant]] per namespace name.
netns_tenants() {
    local ns
    for ns in "$@"; do printf '[[tenant]]\nnetns = "%s"\n' "$ns"; done
}

# cap_action_config [LINE...]: thresholds 50 / 100 / 150 (each LINE added to [thresholds]) and the
# built-in cap action (3 tracked per source) on suspend, removed on recover.
cap_action_config() {
    local line
    printf '[thresholds]\nwarn = 50\ncap = 100\nsuspend = 150\n'
    for line in "$@"; do echo "$line"; done
    printf '[[action]]\non = ["suspend", "recover"]\ncap = 3\n'
}

# metrics_url: the /metrics address the daemon logged at start (listen port 0: the kernel's pick).
metrics_url() { sed -n 's|.*metrics \(http://[^ ]*\)$|\1|p' "$T/log"; }
# wait_metrics URL REGEX [SECONDS] [NETNS]: fetches URL (from inside NETNS if given) into $T/metrics
# until a line matches the extended REGEX. The daemon publishes once per interval, so what a hook has
# just been told can reach /metrics an interval later.
wait_metrics() {
    local url=$1 pattern=$2 limit=${3:-3} i=0
    local fetch=(/usr/bin/python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())' "$url")
    [ -z "${4:-}" ] || fetch=(ip netns exec "$4" "${fetch[@]}")
    until "${fetch[@]}" >"$T/metrics" && grep -qE -- "$pattern" "$T/metrics"; do
        i=$((i + 1))
        if [ "$i" -gt $((limit * 10)) ]; then
            echo "--- /metrics"; cat "$T/metrics"
            fail "waited ${limit}s for a /metrics line matching '$pattern'"
        fi
        sleep 0.1
    done
}
