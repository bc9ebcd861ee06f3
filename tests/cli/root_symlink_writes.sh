# Writes under --root never leave the tree through a symlink inside it: harden ssh --apply with
# etc/ssh/sshd_config.d linked to a directory outside, limit set --persist with etc/sysctl.d linked
# outside, and limit set with the tree's proc/sys file linked to a file outside. Each is refused with a
# one-line error or lands inside the tree; the outside stays byte for byte as it was.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
. "$SRC_DIR/tests/fixture/limit_tree.sh"
set -e
T=$(mktemp -d)
trap 'rm -rf "$T"; cleanup_netns' EXIT
outside_sum() { (cd "$T/outside" && find . -exec stat -c '%n %s %Y' {} + | sort && find . -type f -exec md5sum {} + | sort); }
mkdir -p "$T/outside/sshd_config.d" "$T/outside/sysctl.d"
echo 262144 >"$T/outside/max"
before=$(outside_sum)

# harden ssh --apply: the drop-in directory is a link to $T/outside/sshd_config.d (absolute, so inside the
# tree it names a directory the tree does not have).
if [ -x /usr/sbin/sshd ] && [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
    R=$T/ssh
    make_clean_tree "$R"
    rm -r "$R/etc/ssh/sshd_config.d"
    ln -s "$T/outside/sshd_config.d" "$R/etc/ssh/sshd_config.d"
    expect_exit 69 with_private_run "$CTGUARD" --root "$R" harden ssh --apply
    expect_err "ctguard: /etc/ssh/sshd_config.d (under $R): is a symbolic link to no directory inside the tree; refusing to write through it"
    assert_eq "$(grep -c '^ctguard:' "$ERR")" 1 "error lines"
    assert_eq "$(outside_sum)" "$before" "outside after harden ssh"
else
    echo "harden ssh part skipped: needs root, sshd and unshare"
fi

# limit set --persist: etc/sysctl.d is a relative link to $T/outside/sysctl.d. Inside the tree the
# climb stops at the tree's top, so the file lands in the tree's own /outside/sysctl.d.
t=$T/limit
limit_tree "$t"
rm -r "$t/etc/sysctl.d"
ln -s ../../outside/sysctl.d "$t/etc/sysctl.d"
mkdir -p "$t/outside/sysctl.d"
expect_exit 0 "$CTGUARD" --root "$t" limit set 29000 --persist
[ -f "$t/outside/sysctl.d/99-zz-ctguard.conf" ] || fail "the drop-in did not land inside the tree: $(find "$t" -name '99-zz*')"
assert_eq "$(outside_sum)" "$before" "outside after limit set --persist"

# limit set: the tree's nf_conntrack_max is a relative link to $T/outside/max. The write opens what the
# link names inside the tree (nothing there: refused with one line), never $T/outside/max.
t=$T/live
limit_tree "$t"
ln -sf ../../../../../outside/max "$t/proc/sys/net/netfilter/nf_conntrack_max"
assert_eq "$(cat "$t/proc/sys/net/netfilter/nf_conntrack_max")" 262144 "the link reaches outside on the host"
set +e
"$CTGUARD" --root "$t" limit set 29000 >"$T/out" 2>"$T/err"
rc=$?
set -e
[ "$rc" -ne 0 ] || fail "limit set through a link out of the tree succeeded: $(cat "$T/out")"
grep -q "^ctguard: write $t/proc/sys/net/netfilter/nf_conntrack_max: " "$T/err" || fail "error: $(cat "$T/err")"
assert_eq "$(grep -c '^ctguard:' "$T/err")" 1 "error lines"
assert_eq "$(cat "$T/outside/max")" 262144 "the file outside"
assert_eq "$(outside_sum)" "$before" "outside after limit set"
echo ok
