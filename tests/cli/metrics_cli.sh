# ctguard metrics on a --root tree: stdout, --textfile, --listen, and every bad-input case.
. "$TEST_LIB"
set -e
command -v promtool >/dev/null || skip "promtool (Debian package prometheus) is not installed"
ROOT="$SRC_DIR/tests/data/metrics_root"
TMP=$(mktemp -d)
trap 'stop_bg; rm -rf "$TMP"' EXIT INT TERM

# value SERIES [FILE]: the value of one series in an exposition (default $OUT); empty when absent.
value() { awk -v s="$1" 'index($0, s " ") == 1 { print substr($0, length(s) + 2) }' "${2:-$OUT}"; }

expect_exit 0 "$CTGUARD" --root "$ROOT" metrics
promtool check metrics <"$OUT" || fail "promtool check metrics"
assert_eq "$(value 'ctguard_conntrack_entries{tenant="host"}')" 3 "entries"
assert_eq "$(value 'ctguard_conntrack_max{tenant="host"}')" 29000 "max"
assert_eq "$(value 'ctguard_conntrack_level{tenant="host",level="ok"}')" 1 "level ok"
# /proc/net/stat/nf_conntrack of the tree: drop 0xa + 0x10 over two CPUs.
assert_eq "$(value 'ctguard_conntrack_stat_total{tenant="host",stat="drop"}')" 26 "drop"
assert_eq "$(value 'ctguard_conntrack_stat_total{tenant="host",stat="insert_failed"}')" 3 "insert_failed"
assert_eq "$(value 'ctguard_top_entries{tenant="host",by="src",key="198.18.0.1"}')" 2 "top src"
assert_eq "$(value 'ctguard_top_entries{tenant="host",by="dport",key="53"}')" 1 "top dport"
assert_eq "$(value 'ctguard_top_entries{tenant="host",by="src",key="other"}')" 0 "other"
# Processes are not scanned by this command: the family is named but has no sample.
expect_out "# TYPE ctguard_suspicious_processes gauge"
assert_eq "$(value 'ctguard_suspicious_processes')" "" "suspicious_processes"

# -n bounds the top-N; the rest goes to "other".
expect_exit 0 "$CTGUARD" --root "$ROOT" metrics -n 1
assert_eq "$(grep -c '^ctguard_top_entries{tenant="host",by="src"' "$OUT")" 2 "src series with -n 1"
assert_eq "$(value 'ctguard_top_entries{tenant="host",by="src",key="other"}')" 1 "other with -n 1"

# Thresholds pick the level.
expect_exit 0 "$CTGUARD" --root "$ROOT" metrics --warn 2 --suspend 100
assert_eq "$(value 'ctguard_conntrack_level{tenant="host",level="elevated"}')" 1 "elevated"
assert_eq "$(value 'ctguard_conntrack_threshold{tenant="host",threshold="warn"}')" 2 "warn threshold"

# --textfile: one file, complete, nothing else left in the directory; a second run replaces it.
mkdir "$TMP/textfile"
for run in 1 2; do
    expect_exit 0 "$CTGUARD" --root "$ROOT" metrics --textfile "$TMP/textfile"
    [ ! -s "$OUT" ] || fail "--textfile printed to stdout"
    assert_eq "$(ls -A "$TMP/textfile")" ctguard.prom "directory content after run $run"
done
assert_eq "$(stat -c %a "$TMP/textfile/ctguard.prom")" 644 "mode"
promtool check metrics <"$TMP/textfile/ctguard.prom" || fail "promtool check metrics on the textfile"
assert_eq "$(value 'ctguard_conntrack_entries{tenant="host"}' "$TMP/textfile/ctguard.prom")" 3 "textfile entries"

# Bad input: one line, the documented exit code (docs/CLI.md).
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --textfile "$TMP/missing"
expect_err "ctguard: --textfile $TMP/missing: not a directory"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --textfile "$TMP/textfile/ctguard.prom"
expect_err "not a directory"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics -n 0
expect_err "ctguard: -n: '0' is not a number from 1 to 1,000"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --warn 0
expect_err "ctguard: thresholds: --warn, --cap and --suspend must be positive"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --warn 500 --suspend 100
expect_err "ctguard: thresholds: --warn (500) is above --suspend (100)"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --listen 127.0.0.1:99999
expect_err "ctguard: listen address '127.0.0.1:99999': port must be a number from 0 to 65535"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --listen ::1:9469
expect_err "an IPv6 address needs brackets"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --listen 127.0.0.1
expect_err "no port"
expect_exit 64 "$CTGUARD" --root "$ROOT" metrics --listen 127.0.0.1:0 --textfile "$TMP/textfile"
expect_err "ctguard: usage: --textfile excludes --listen"
mkdir -p "$TMP/unloaded/proc/sys/net"
expect_exit 69 "$CTGUARD" --root "$TMP/unloaded" metrics
expect_err "ctguard: conntrack: nf_conntrack is not loaded"
expect_exit 69 "$CTGUARD" --root "$ROOT" metrics --listen 198.18.255.254:9469
expect_err "ctguard: listen 198.18.255.254:9469: Cannot assign requested address"
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
    # A read-only file system, in a private mount namespace so the host sees nothing.
    mkdir "$TMP/ro"
    expect_exit 77 unshare -m sh -c 'mount -t tmpfs -o ro tmpfs "$1" && exec "$2" --root "$3" metrics --textfile "$1"' \
        sh "$TMP/ro" "$CTGUARD" "$ROOT"
    expect_err "ctguard: write $TMP/ro/ctguard.prom: Read-only file system"
fi

# --listen: serves /metrics (fresh per scrape), 404 elsewhere, refuses a taken port, stops on SIGTERM.
bg_start "$CTGUARD" --root "$ROOT" metrics --listen 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.err"
server=$BG_PIDS
for _ in $(seq 100); do grep -q '^serving' "$TMP/serve.out" && break; sleep 0.05; done
url=$(sed -n 's/^serving \(http:[^ ]*\)$/\1/p' "$TMP/serve.out")
[ -n "$url" ] || { cat "$TMP/serve.err"; fail "no 'serving' line"; }
curl -sf --max-time 5 "$url" >"$TMP/scrape" || fail "GET $url"
promtool check metrics <"$TMP/scrape" || fail "promtool check metrics on the scrape"
assert_eq "$(value 'ctguard_conntrack_entries{tenant="host"}' "$TMP/scrape")" 3 "served entries"
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${url%/metrics}/")" 404 "GET /"
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${url}x")" 404 "GET /metricsx"
port=${url##*:}; port=${port%%/*}
expect_exit 69 "$CTGUARD" --root "$ROOT" metrics --listen "127.0.0.1:$port"
expect_err "ctguard: listen 127.0.0.1:$port: Address already in use"
kill -TERM $server
set +e
wait $server
rc=$?
set -e
BG_PIDS=""
assert_eq "$rc" 0 "exit status after SIGTERM"
