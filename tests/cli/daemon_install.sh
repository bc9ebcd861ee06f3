# make install: the binary, the systemd unit with this install's paths (valid for systemd-analyze
# verify, nothing reported), the example config; a second install keeps the administrator's config.
. "$TEST_LIB"
set -e
T=$(mktemp -d)
trap 'stop_bg; rm -rf "$T"; cleanup_netns' EXIT INT TERM
build=$(dirname "$CTGUARD")
DESTDIR="$T" cmake --install "$build" >"$T/install.log"
unit=$(find "$T" -name ctguard.service)
[ -n "$unit" ] || fail "no unit installed"
config=$(sed -n 's|^ExecStart=.* --config ||p' "$unit")
bin=$(sed -n 's|^ExecStart=\([^ ]*\) .*|\1|p' "$unit")
[ -x "$T$bin" ] || fail "ExecStart names $bin, which was not installed"
[ -f "$T$config" ] || fail "ExecStart names $config, which was not installed"
expect_exit 0 "$T$bin" daemon --check-config "$T$config"

# The /metrics server is a module the installed binary finds in lib/ctguard beside its sbin/; a
# binary without it says which file it missed.
bg_start "$T$bin" --root "$SRC_DIR/tests/data/metrics_root" metrics --listen 127.0.0.1:0 >"$T/serve.out" 2>"$T/serve.err"
wait_until 10 "the installed binary's 'serving' line" grep -q '^serving http' "$T/serve.out"
url=$(sed -n 's/^serving \(http:[^ ]*\)$/\1/p' "$T/serve.out")
curl -sf --max-time 5 "$url" | grep -q '^ctguard_conntrack_entries' || fail "the installed binary's GET $url"
stop_bg
moddir="$(dirname "$T$bin")/../lib/ctguard"
mv "$moddir" "$T/moved"
expect_exit 69 "$T$bin" --root "$SRC_DIR/tests/data/metrics_root" metrics --listen 127.0.0.1:0
expect_err "cannot load ctguard-metrics-http.so: not in $(dirname "$T$bin")/ctguard-metrics-http.so nor in"
mv "$T/moved" "$moddir"

echo "# edited" >>"$T$config"
DESTDIR="$T" cmake --install "$build" >"$T/install.log"
grep -q "^# edited" "$T$config" || fail "a second install overwrote the configuration"

command -v systemd-analyze >/dev/null || skip "no systemd-analyze to verify the unit"
# verify wants the programs to exist where the unit says: point it at the installed copy.
sed "s|$bin|$T$bin|g; s|$config|$T$config|g" "$unit" >"$T/ctguard.service"
# Documentation= names the installed man pages: verify runs `man` on them, found through MANPATH.
page=$(find "$T" -name ctguard.8)
[ -n "$page" ] || fail "ctguard.8 was not installed"
expect_exit 0 env MANPATH="$(dirname "$(dirname "$page")")" systemd-analyze verify "$T/ctguard.service"
[ ! -s "$ERR" ] || { cat "$ERR"; fail "systemd-analyze verify reported problems"; }
for key in "ProtectSystem=strict" "StateDirectory=ctguard" "NoNewPrivileges=yes" \
    "CapabilityBoundingSet=CAP_NET_ADMIN CAP_SYS_ADMIN CAP_SYS_PTRACE CAP_DAC_READ_SEARCH"; do
    grep -qx "$key" "$unit" || fail "the unit lacks $key"
done
