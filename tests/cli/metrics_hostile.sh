# ctguard metrics --listen against a hostile client: a huge chunked POST is refused before its body is
# read (the server's memory stays flat), other methods get 405, and GET /metrics still answers.
. "$TEST_LIB"
set -e
command -v curl >/dev/null || skip "curl is not installed"
ROOT="$SRC_DIR/tests/data/metrics_root"
TMP=$(mktemp -d)
trap 'stop_bg; rm -rf "$TMP"' EXIT INT TERM

bg_start "$CTGUARD" --root "$ROOT" metrics --listen 127.0.0.1:0 >"$TMP/serve.out" 2>"$TMP/serve.err"
server=$!
wait_until 5 "the 'serving' line" grep -q '^serving' "$TMP/serve.out"
url=$(sed -n 's/^serving \(http:[^ ]*\)$/\1/p' "$TMP/serve.out")

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$server/status"; }
curl -sf --max-time 5 "$url" >/dev/null || fail "GET $url before"
before=$(rss)

# 300 MB of zeros, chunked, on the metrics path and elsewhere: refused; the server reads none of it.
for path in /metrics /upload; do
    code=$(head -c 300M /dev/zero | curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X POST -H 'Expect:' \
        -H 'Transfer-Encoding: chunked' --data-binary @- "${url%/metrics}$path" || true)
    case "$code" in 405 | 000) ;; *) fail "chunked POST $path answered $code, not 405" ;; esac
done
# Without a body the answer is read for sure: 405 to any method but GET and HEAD.
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X PUT "$url")" 405 "PUT"
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X DELETE "$url")" 405 "DELETE"
assert_eq "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -I "$url")" 200 "HEAD"
# A body on GET is not read (a GET has none), and the connection ends with the answer.
head -c 10M /dev/zero | curl -s -o /dev/null --max-time 30 -X GET --data-binary @- "$url" || true

after=$(rss)
# Flat: well under the 300 MB sent (allocator noise and a few threads' stacks are a few MB).
[ $((after - before)) -lt 20000 ] || fail "RSS grew from ${before} kB to ${after} kB"
curl -sf --max-time 5 "$url" >"$TMP/scrape" || fail "GET $url after the flood"
grep -q '^ctguard_conntrack_entries{tenant="host"} 3$' "$TMP/scrape" || fail "scrape after the flood"
