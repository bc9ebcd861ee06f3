# audit: a clean Debian-like --root tree gives no findings, though every check had something to look at.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
T=$(mktemp -d)
trap 'rm -rf "$T"; cleanup_netns' EXIT
make_clean_tree "$T"

expect_exit 0 "$CTGUARD" --root "$T" --json audit
# One line per fact: "findings=0", "checked.accounts=4", ...
json "'\\n'.join(['findings=%d' % len(j['findings']), 'notes=%d' % len(j['notes']), 'source=' + j['ssh']['source']]
    + ['pw=%s %s' % (j['ssh']['settings']['passwordauthentication']['value'], j['ssh']['settings']['passwordauthentication']['file']),
       'usepam.line=%s' % j['ssh']['settings']['usepam']['line']]
    + ['checked.%s=%d' % kv for kv in j['checked'].items()])" >"$T/facts"
fact() { grep -qFx "$1" "$T/facts" || { cat "$OUT"; fail "wanted '$1'; got: $(cat "$T/facts")"; }; }
fact findings=0
fact notes=0
fact source=parser
fact "pw=no /etc/ssh/sshd_config.d/10-site.conf"
fact usepam.line=6
# Every part of the audit saw files, so "no findings" means something.
for what in "sshd_config files=2" "accounts=4" "authorized_keys files=1" "authorized keys=1" "cron files=3" \
    "systemd units=2" "files in /boot and /lib/udev=3" "system binaries=5"; do
    fact "checked.$what"
done

expect_exit 0 "$CTGUARD" --root "$T" audit
expect_out "ctguard audit: no findings"
expect_out "SSH settings from parser"
