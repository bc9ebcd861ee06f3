# ctguard's model of the boot order against the real readers: for each --root tree, the value ctguard
# says systemd-sysctl and `sysctl --system` apply must be what those programs really write. (Values the
# kernel would reject are left to unit tests: a tmpfs file takes any text.) The readers run in
# a private mount + network namespace where /proc/sys is a tmpfs and the sysctl.d directories and
# /etc/sysctl.conf are bind mounts of the tree, so they never touch the host's settings.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/limit_tree.sh"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root for mount namespaces"
command -v unshare >/dev/null && command -v sysctl >/dev/null || skip "needs unshare and sysctl"
[ -x /lib/systemd/systemd-sysctl ] || skip "needs /lib/systemd/systemd-sysctl"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; cleanup_netns' EXIT

cat >"$tmp/inner.sh" <<'INNER'
set -eu
tree=$1; shift
# Never run outside the private mount namespace unshare made for us.
[ "$(readlink /proc/self/ns/mnt)" != "$(cat "$tree.hostns")" ] || { echo "not in a private mount namespace" >&2; exit 99; }
mount -t tmpfs none /proc/sys
mkdir -p /proc/sys/net/netfilter
echo 0 >/proc/sys/net/netfilter/nf_conntrack_max
ln -s netfilter/nf_conntrack_max /proc/sys/net/nf_conntrack_max  # the kernel's alias: one variable
mount -t tmpfs none /run && mkdir /run/sysctl.d
mount -t tmpfs none /usr/local/lib && mkdir /usr/local/lib/sysctl.d
for d in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d; do
    mkdir -p "$tree$d"
    mount --bind "$tree$d" "$d"
done
if [ -e "$tree/etc/sysctl.conf" ]; then mount --bind "$tree/etc/sysctl.conf" /etc/sysctl.conf
else mount --bind /dev/null /etc/sysctl.conf; fi
"$@" >/dev/null 2>&1 || true  # keys missing from the tmpfs make both readers complain
cat /proc/sys/net/netfilter/nf_conntrack_max
INNER

real_value() {  # real_value TREE COMMAND...
    readlink /proc/self/ns/mnt >"$1.hostns"
    unshare -m -n --propagation private bash "$tmp/inner.sh" "$@"
}
compare() {  # compare TREE WHAT
    expect_exit 0 "$CTGUARD" --root "$1" --json limit
    model_boot=$(json 'j["boot"]["value"] if j["boot"] else 0')
    model_system=$(json 'j["sysctl_system"]["value"] if j["sysctl_system"] else 0')
    assert_eq "$(real_value "$1" /lib/systemd/systemd-sysctl)" "$model_boot" "$2: systemd-sysctl"
    assert_eq "$(real_value "$1" sysctl --system)" "$model_system" "$2: sysctl --system"
    echo "ok: $2 (boot $model_boot, sysctl --system $model_system)"
}

t=$tmp/order; limit_tree "$t"
echo 'net.netfilter.nf_conntrack_max = 50000' >>"$t/etc/sysctl.conf"
echo 'net/netfilter/nf_conntrack_max=70000' >"$t/usr/lib/sysctl.d/99-zvendor.conf"
echo 'net.netfilter.nf_conntrack_max = 60000' >"$t/usr/lib/sysctl.d/10-early.conf"
compare "$t" "vendor file sorting after 99-sysctl.conf"
ln -s /dev/null "$t/etc/sysctl.d/99-zvendor.conf"
compare "$t" "vendor file masked by /dev/null"
rm "$t/etc/sysctl.d/99-zvendor.conf"
echo 'net.netfilter.nf_conntrack_max = 80000' >"$t/etc/sysctl.d/99-zvendor.conf"
compare "$t" "same name in /etc replaces the vendor file"
mkdir -p "$t/run/sysctl.d" "$t/usr/local/lib/sysctl.d"
echo 'net.netfilter.nf_conntrack_max = 90000' >"$t/run/sysctl.d/99-zzrun.conf"
echo 'net.netfilter.nf_conntrack_max = 91000' >"$t/usr/local/lib/sysctl.d/99-zzrun.conf"
compare "$t" "/run masks /usr/local/lib"

t=$tmp/alias; limit_tree "$t"
echo 'net.netfilter.nf_conntrack_max = 29000' >"$t/usr/lib/sysctl.d/60-a.conf"
printf 'net.nf_conntrack_max = 40000\nnet.ipv4.netfilter.ip_conntrack_max = 50000\n' >"$t/usr/lib/sysctl.d/70-b.conf"
compare "$t" "alias net.nf_conntrack_max and the legacy key"

t=$tmp/syntax; limit_tree "$t"
printf '%s\n' '; comment' 'net.netfilter.nf_conntrack_max 11111' '  -net.netfilter.nf_conntrack_max =   22222  ' \
    'net/netfilter/nf_conntrack_max = 33333' >"$t/etc/sysctl.d/50-syntax.conf"
echo 'net.netfilter.nf_conntrack_max = 55555' >"$t/etc/sysctl.d/90-off.conf.disabled"
compare "$t" "line syntax"
echo 'net.netfilter.nf_conntrack_max = 66666' >"$t/etc/sysctl.d/50-syntax.conf"
rm "$t/etc/sysctl.conf" "$t/etc/sysctl.d/99-sysctl.conf"
compare "$t" "no /etc/sysctl.conf"

# What ctguard writes wins for both readers once the conflicts are fixed.
t=$tmp/ours; limit_tree "$t"
echo 'net.netfilter.nf_conntrack_max = 50000' >>"$t/etc/sysctl.conf"
echo 'net.netfilter.nf_conntrack_max = 70000' >"$t/usr/lib/sysctl.d/99-zzz-vendor.conf"
expect_exit 0 "$CTGUARD" --root "$t" limit set 29000 --persist
compare "$t" "ctguard's file with conflicts left in place"
expect_exit 0 "$CTGUARD" --root "$t" limit set 29000 --persist --fix-conflicts
compare "$t" "ctguard's file after --fix-conflicts"
assert_eq "$model_boot $model_system" "29000 29000" "ctguard's value wins"
