# limit set on --root trees: live value, persisted files that win at boot, --fix-conflicts with backups,
# --dry-run diffs equal to the real change, --hashsize, idempotence, and every refusal.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/limit_tree.sh"
set -e
tmp=$(mktemp -d)
trap 'chattr -R -i "$tmp" 2>/dev/null || true; rm -rf "$tmp"; cleanup_netns' EXIT
nf=proc/sys/net/netfilter

# A tree with the usual mistakes: the legacy key in sysctl.conf, a vendor file overriding at boot.
t=$tmp/t; limit_tree "$t"
echo 'net.ipv4.netfilter.ip_conntrack_max = 29000' >>"$t/etc/sysctl.conf"
echo 'net.netfilter.nf_conntrack_max = 70000' >"$t/usr/lib/sysctl.d/99-zzz-vendor.conf"
cp -a "$t" "$tmp/copy"
cp "$t/etc/sysctl.conf" "$tmp/sysctl.conf.orig"
before=$(tree_sum "$t")

# --dry-run changes nothing and prints a diff that, applied with patch, is exactly the real change.
expect_exit 0 "$CTGUARD" --root "$t" limit set 29000 --persist --fix-conflicts --hashsize 32768 --dry-run
assert_eq "$(tree_sum "$t")" "$before" "dry run changed the tree"
expect_out "would set net.netfilter.nf_conntrack_max 262,144 -> 29,000"
expect_out "+++ b/etc/sysctl.d/99-zz-ctguard.conf"
(cd "$tmp/copy" && sed -n '/^--- /,$p' "$OUT" | patch -s -p1) || fail "patch did not apply the dry-run diff"
echo 29000 >"$tmp/copy/$nf/nf_conntrack_max"
echo 32768 >"$tmp/copy/sys/module/nf_conntrack/parameters/hashsize"

expect_exit 0 "$CTGUARD" --root "$t" --json limit set 29000 --persist --fix-conflicts --hashsize 32768
assert_eq "$(tree_sum "$t")" "$(tree_sum "$tmp/copy")" "real run differs from the dry-run diff"
assert_eq "$(json '[(f["file"], f["action"]) for f in j["files"]]')" \
    "[('/etc/modprobe.d/99-ctguard.conf', 'create'), ('/etc/modules-load.d/ctguard.conf', 'create'), ('/etc/sysctl.conf', 'update'), ('/etc/sysctl.d/99-zz-ctguard.conf', 'create'), ('/etc/sysctl.d/99-zzz-vendor.conf', 'create')]" \
    "files written"
assert_eq "$(cat "$t/$nf/nf_conntrack_max")" 29000 "live max"
assert_eq "$(cat "$t/sys/module/nf_conntrack/parameters/hashsize")" 32768 "live hashsize"
assert_eq "$(grep -v '^#' "$t/etc/sysctl.d/99-zz-ctguard.conf")" "net.netfilter.nf_conntrack_max = 29000" "our file"
assert_eq "$(grep -c '^# ctguard: disabled: legacy key' "$t/etc/sysctl.conf")" 1 "legacy line noted"
grep -qx '# net.ipv4.netfilter.ip_conntrack_max = 29000' "$t/etc/sysctl.conf" || fail "legacy line not commented out"
cmp -s "$t/etc/sysctl.conf.ctguard.bak" "$tmp/sysctl.conf.orig" || fail "backup differs from the original"
assert_eq "$(cat "$t/usr/lib/sysctl.d/99-zzz-vendor.conf")" "net.netfilter.nf_conntrack_max = 70000" "vendor file untouched"
grep -qx 'nf_conntrack' "$t/etc/modules-load.d/ctguard.conf" || fail "modules-load.d"
grep -qx 'options nf_conntrack hashsize=32768' "$t/etc/modprobe.d/99-ctguard.conf" || fail "modprobe.d"
find "$t" -name '*.ctguard-*' | grep . && fail "temp file left behind"

# Afterwards the boot and `sysctl --system` both apply 29000 from our file, and nothing conflicts.
expect_exit 0 "$CTGUARD" --root "$t" --json limit
assert_eq "$(json 'j["boot"]["file"], j["boot"]["value"], j["sysctl_system"]["value"], j["conflicts"]')" \
    "/etc/sysctl.d/99-zz-ctguard.conf 29000 29000 []" "after the fix"

# Idempotent: the same command again writes nothing.
after=$(tree_sum "$t")
expect_exit 0 "$CTGUARD" --root "$t" --json limit set 29000 --persist --fix-conflicts --hashsize 32768
assert_eq "$(json 'j["files"]')" "[]" "second run writes files"
assert_eq "$(tree_sum "$t")" "$after" "second run changed the tree"
# A new value rewrites only our file; the old backup (the admin's original) is kept.
expect_exit 0 "$CTGUARD" --root "$t" --json limit set 25000 --persist
assert_eq "$(json '[f["file"] for f in j["files"]]')" "['/etc/sysctl.d/99-zz-ctguard.conf']" "new value"
grep -qx 'net.ipv4.netfilter.ip_conntrack_max = 29000' "$t/etc/sysctl.conf.ctguard.bak" || fail "backup lost"

# Without --fix-conflicts, conflicts are reported and left alone; without --persist nothing is written.
t2=$tmp/t2; limit_tree "$t2"
echo 'net.netfilter.nf_conntrack_max = 70000' >"$t2/usr/lib/sysctl.d/99-zzz-vendor.conf"
expect_exit 0 "$CTGUARD" --root "$t2" --json limit set 29000 --persist
assert_eq "$(json '[(c["file"], c["line"]) for c in j["conflicts"]]')" "[('/usr/lib/sysctl.d/99-zzz-vendor.conf', 1)]" "reported"
expect_exit 0 "$CTGUARD" --root "$t2" limit set 28000
expect_out "not persisted: lost at reboot (add --persist)"
assert_eq "$(cat "$t2/$nf/nf_conntrack_max")" 28000 "live only"
# Below the current count: done, with a warning.
expect_exit 0 "$CTGUARD" --root "$t2" limit set 1000
expect_err "ctguard: warning: 1,000 is below the current count (1,234)"

# Built-in nf_conntrack: no modules-load.d file, and the hashsize also goes in as the buckets sysctl.
t3=$tmp/t3; limit_tree "$t3"; rm "$t3/sys/module/nf_conntrack/initstate"
expect_exit 0 "$CTGUARD" --root "$t3" --json limit set 29000 --persist --hashsize 29000
assert_eq "$(json '[f["file"] for f in j["files"]]')" "['/etc/modprobe.d/99-ctguard.conf', '/etc/sysctl.d/99-zz-ctguard.conf']" "built-in"
grep -qx 'net.netfilter.nf_conntrack_buckets = 29000' "$t3/etc/sysctl.d/99-zz-ctguard.conf" || fail "buckets line"

# An offline image (no /proc/sys): --persist writes the files only; without it there is nothing to do.
img=$tmp/img; limit_tree "$img"; rm -rf "$img/proc"
expect_exit 0 "$CTGUARD" --root "$img" --json limit set 29000 --persist
assert_eq "$(json 'j["live"], len(j["files"])')" "[] 2" "offline image"
expect_exit 64 "$CTGUARD" --root "$img" limit set 29000
expect_err "has no /proc/sys (an offline image)"

# Bad input: one line, exit 64, nothing written.
t4=$tmp/t4; limit_tree "$t4"; sum4=$(tree_sum "$t4")
for n in 0 -5 abc 29k 2147483648 99999999999999999999999 ''; do
    expect_exit 64 "$CTGUARD" --root "$t4" limit set "$n" --persist
    expect_err "ctguard: limit set: '$n' is not a positive integer (1-2147483647)"
done
expect_exit 64 "$CTGUARD" --root "$t4" limit set 29000 --persist --hashsize 0
expect_err "ctguard: --hashsize: '0' is not a positive integer"
expect_exit 64 "$CTGUARD" --root "$t4" limit set 29000 --fix-conflicts
expect_err "ctguard: --fix-conflicts: needs --persist"
expect_exit 64 "$CTGUARD" --root "$t4" limit set
expect_err "ctguard: usage:"
assert_eq "$(tree_sum "$t4")" "$sum4" "bad input changed the tree"

# A non-initial network namespace (nf_conntrack_max read-only): exit 77, nothing written, even dry-run.
chmod 0444 "$t4/$nf/nf_conntrack_max"
for extra in "" --dry-run; do
    expect_exit 77 "$CTGUARD" --root "$t4" limit set 29000 --persist $extra
    expect_err "ctguard: limit set: nf_conntrack_max is read-only in this network namespace: the limit belongs to the host"
done
assert_eq "$(tree_sum "$t4")" "$sum4" "read-only namespace changed the tree"
chmod 0644 "$t4/$nf/nf_conntrack_max"

# Unwritable files: the write fails whole, the live value is untouched (files go first), no temp file.
rm -rf "$t4/etc/sysctl.d" && echo 'not a directory' >"$t4/etc/sysctl.d"
expect_exit 70 "$CTGUARD" --root "$t4" limit set 29000 --persist
expect_err "ctguard: open /etc/sysctl.d (under $t4): Not a directory"
assert_eq "$(cat "$t4/$nf/nf_conntrack_max")" 262144 "live value changed although the file failed"
if chattr +i "$t4/etc/sysctl.conf" 2>/dev/null; then
    rm "$t4/etc/sysctl.d"; mkdir "$t4/etc/sysctl.d"; ln -s ../sysctl.conf "$t4/etc/sysctl.d/99-sysctl.conf"
    echo 'net.ipv4.netfilter.ip_conntrack_max = 1' >"$tmp/legacy" && chattr -i "$t4/etc/sysctl.conf" &&
        cat "$tmp/legacy" >>"$t4/etc/sysctl.conf" && chattr +i "$t4/etc/sysctl.conf"
    chattr +i "$t4/etc"
    expect_exit 77 "$CTGUARD" --root "$t4" limit set 29000 --persist --fix-conflicts
    expect_err "ctguard: write $t4/etc/"
    expect_err "Operation not permitted"
    chattr -i "$t4/etc" "$t4/etc/sysctl.conf"
    assert_eq "$(cat "$t4/$nf/nf_conntrack_max")" 262144 "live value changed although a file failed"
    grep -qx 'net.ipv4.netfilter.ip_conntrack_max = 1' "$t4/etc/sysctl.conf" || fail "immutable file changed"
else
    echo "chattr +i unsupported here: immutable-file case skipped"
fi
find "$tmp" -name '*.ctguard-*' | grep . && fail "temp file left behind"
exit 0
