# limit (show) on --root trees: what the boot applies and every kind of conflict, one case each.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/limit_tree.sh"
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; cleanup_netns' EXIT
show() { expect_exit 0 "$CTGUARD" --root "$1" --json limit; }
problems() { json '"|".join(c["problem"].split(":")[0] for c in j["conflicts"])'; }

# A clean Debian tree: nothing persisted, nothing wrong, the provider's cap recommended.
t=$tmp/clean; limit_tree "$t"
show "$t"
assert_eq "$(json 'j["max"], j["count"], j["hashsize"], j["persisted"], j["conflicts"]')" \
    "262144 1234 65536 None []" "clean tree"
assert_eq "$(json 'j["memory"]["bytes_at_max"]')" $((262144 * 320 + 65536 * 8)) "memory from slabinfo"
json 'j["recommendations"][0]' | grep -qF 'ctguard limit set 29000 --persist' || fail "no cap advice"
json 'j["recommendations"][1]' | grep -qF 'tcp_timeout_established=10800' || fail "no timeout advice"

# The classic advice: the legacy key in /etc/sysctl.conf persists nothing.
t=$tmp/legacy; limit_tree "$t"
echo 'net.ipv4.netfilter.ip_conntrack_max = 29000' >>"$t/etc/sysctl.conf"
show "$t"
assert_eq "$(json 'j["persisted"]')" None "legacy key persists nothing"
assert_eq "$(json 'j["conflicts"][0]["file"], j["conflicts"][0]["line"], j["conflicts"][0]["key"], j["conflicts"][0]["value"]')" \
    "/etc/sysctl.conf 11 net.ipv4.netfilter.ip_conntrack_max 29000" "legacy conflict"
assert_eq "$(problems)" "legacy key of the old ip_conntrack module" "legacy problem"

# A vendor file sorting after 99-sysctl.conf wins at boot; `sysctl --system` still ends with sysctl.conf.
t=$tmp/order; limit_tree "$t"
echo 'net.netfilter.nf_conntrack_max = 50000' >>"$t/etc/sysctl.conf"
echo 'net/netfilter/nf_conntrack_max=70000' >"$t/usr/lib/sysctl.d/99-zvendor.conf"
echo 'net.netfilter.nf_conntrack_max = 60000' >"$t/usr/lib/sysctl.d/10-early.conf"
show "$t"
assert_eq "$(json 'j["boot"]["file"], j["boot"]["value"]')" "/usr/lib/sysctl.d/99-zvendor.conf 70000" "boot winner"
assert_eq "$(json 'j["sysctl_system"]["file"], j["sysctl_system"]["value"]')" "/etc/sysctl.conf 50000" "procps winner"
assert_eq "$(json 'j["persisted"]["value"]')" 70000 "persisted = boot"
assert_eq "$(json '[(c["file"], c["line"]) for c in j["conflicts"] if c["key"] == "net.netfilter.nf_conntrack_max"]')" \
    "[('/etc/sysctl.conf', 11)]" "sysctl.conf overrides the boot value under sysctl --system"
json 'j["conflicts"][0]["problem"]' | grep -qF "'sysctl --system' reads /etc/sysctl.conf last" || fail "problem text"
# ... and that value is lost at boot: nf_conntrack is a module nothing loads early.
assert_eq "$(json '[c["key"] for c in j["conflicts"] if c["file"] == "/etc/modules-load.d"]')" "['nf_conntrack']" "module"

# Masking the vendor file with a /dev/null link in /etc gives sysctl.conf the boot back.
ln -s /dev/null "$t/etc/sysctl.d/99-zvendor.conf"
show "$t"
assert_eq "$(json 'j["boot"]["file"], j["boot"]["value"]')" "/etc/sysctl.d/99-sysctl.conf 50000" "masked vendor file"
# Once nf_conntrack loads early (here through a module that needs it), the module conflict goes.
echo nf_conntrack_netlink >>"$t/etc/modules"
show "$t"
assert_eq "$(json 'j["module"]["listed_in"], j["conflicts"]')" "/etc/modules-load.d/modules.conf (/etc/modules) []" "module early"

# The init namespace's alias net.nf_conntrack_max is the same variable: a later file using it wins.
t=$tmp/alias; limit_tree "$t"
echo 'net.netfilter.nf_conntrack_max = 29000' >"$t/usr/lib/sysctl.d/60-a.conf"
echo 'net.nf_conntrack_max = 40000' >"$t/usr/lib/sysctl.d/70-b.conf"
show "$t"
assert_eq "$(json 'j["boot"]["file"], j["boot"]["value"]')" "/usr/lib/sysctl.d/70-b.conf 40000" "alias wins"

# Broken lines (the `sysctl -w` advice pasted into a file) and non-numbers are skipped by every reader.
t=$tmp/broken; limit_tree "$t"
printf 'net.netfilter.nf_conntrack_max 29000\nnet.netfilter.nf_conntrack_max = 29k\n' >"$t/etc/sysctl.d/50-paste.conf"
show "$t"
assert_eq "$(json 'j["persisted"]')" None "nothing valid persisted"
assert_eq "$(problems)" "not a KEY = VALUE line|'29k' is not a number" "broken lines"

# A max below the current count (live and persisted), and a built-in module (no initstate).
t=$tmp/below; limit_tree "$t" 1000 1234
rm "$t/sys/module/nf_conntrack/initstate"
echo 'net.netfilter.nf_conntrack_max = 1000' >"$t/etc/sysctl.d/50-low.conf"
show "$t"
assert_eq "$(json 'j["module"]["builtin"], len(j["conflicts"])')" "True 2" "below count"
assert_eq "$(json '[c["file"] for c in j["conflicts"]]')" \
    "['/proc/sys/net/netfilter/nf_conntrack_max', '/etc/sysctl.d/50-low.conf']" "below-count conflicts"

# Text output says the same in words.
expect_exit 0 "$CTGUARD" --root "$t" limit
expect_out "nf_conntrack_max 1,000  (count 1,234"
expect_out "at boot          1,000  /etc/sysctl.d/50-low.conf:1  (systemd-sysctl)"
expect_out "built into the kernel"
expect_out "below the current count (1,234)"

# Not loaded at all: exit 69.
t=$tmp/none; mkdir -p "$t/proc/sys/net"
expect_exit 69 "$CTGUARD" --root "$t" limit
expect_err "ctguard: conntrack: nf_conntrack is not loaded"
