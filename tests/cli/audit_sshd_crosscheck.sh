# audit: ctguard's sshd_config reader agrees with the real `sshd -T -f` on the same files: Include globs
# (absolute, relative to /etc/ssh, nested, lexical order), first value wins, case-insensitive keywords,
# "=" separators, quotes, Match all, Match blocks (also inside included files) and the built-in defaults.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
need_sshd
T=$(mktemp -d)
trap 'rm -rf "$T"; cleanup_netns' EXIT
ssh-keygen -q -t ed25519 -N '' -f "$T/hk"

# Scenario 1: Debian's layout.
make_clean_tree "$T/debian"
# Scenario 2: everything the parser has to get right.
R=$T/tricky
put "$R/etc/ssh/sshd_config" <<'CFG'
Include /etc/ssh/sshd_config.d/*.conf
Include extra.d/*.conf
PASSWORDAUTHENTICATION yes
permitrootlogin = without-password
PermitEmptyPasswords "no"   # quoted, with a comment
AllowUsers alice bob
AllowUsers carol deploy
Match all
	KbdInteractiveAuthentication yes
Match User deploy
	PasswordAuthentication yes
	Include /etc/ssh/match.d/*.conf
CFG
printf 'PasswordAuthentication yes\n' | put "$R/etc/ssh/sshd_config.d/50-cloud-init.conf"
printf 'passwordauthentication=no\nInclude /etc/ssh/nested/*.conf\nMatch User bob\nPubkeyAuthentication no\n' |
    put "$R/etc/ssh/sshd_config.d/10-a.conf"
printf 'UsePAM yes\nPubkeyAuthentication no\n' | put "$R/etc/ssh/sshd_config.d/20-b.conf"
printf 'StrictModes no\n' | put "$R/etc/ssh/nested/1.conf"
printf 'StrictModes yes\nAuthorizedKeysFile .ssh/authorized_keys /etc/ssh/keys/%%u\n' | put "$R/etc/ssh/nested/2.conf"
printf 'PermitEmptyPasswords yes\nMatch all\nPermitRootLogin no\n' | put "$R/etc/ssh/match.d/m.conf"
printf 'AuthenticationMethods password keyboard-interactive\n' | put "$R/etc/ssh/extra.d/x.conf"
# Scenario 3: an empty file, so every value is sshd's built-in default.
put "$T/empty/etc/ssh/sshd_config" </dev/null

KEYS="passwordauthentication kbdinteractiveauthentication usepam permitrootlogin permitemptypasswords
pubkeyauthentication strictmodes authorizedkeysfile authenticationmethods allowusers"
for scenario in debian tricky empty; do
    R=$T/$scenario
    expect_exit 0 "$CTGUARD" --root "$R" --json audit
    cp "$OUT" "$T/$scenario.json"
    # The same files for the real sshd, with Include patterns pointing into the tree.
    S=$T/$scenario.sshd
    cp -a "$R" "$S"
    find "$S/etc/ssh" -type f -exec sed -i -E \
        -e "s#^([[:space:]]*Include[[:space:]]+)/#\\1$S/#" \
        -e "s#^([[:space:]]*Include[[:space:]]+)([^/[:space:]])#\\1$S/etc/ssh/\\2#" {} +
    with_private_run sshd -T -f "$S/etc/ssh/sshd_config" -h "$T/hk" >"$T/$scenario.T" 2>"$T/err" ||
        fail "sshd -T ($scenario): $(cat "$T/err")"
    with_private_run sshd -T -f "$S/etc/ssh/sshd_config" -h "$T/hk" -C user=deploy,host=h,addr=198.18.0.1 \
        >"$T/$scenario.deploy" 2>"$T/err" || fail "sshd -T -C ($scenario): $(cat "$T/err")"
    /usr/bin/python3 - "$T/$scenario.json" "$T/$scenario.T" "$T/$scenario.deploy" "$KEYS" "$scenario" <<'PY' || fail "$scenario differs"
import json, sys
report = json.load(open(sys.argv[1]))
def dump(path):
    d = {}
    for line in open(path):
        k, _, v = line.rstrip("\n").partition(" ")
        d[k] = d[k] + " " + v if k in d and k == "allowusers" else d.get(k, v)
    return d
norm = lambda k, v: "prohibit-password" if (k == "permitrootlogin" and v == "without-password") else v
real, deploy = dump(sys.argv[2]), dump(sys.argv[3])
bad = []
for k in sys.argv[4].split():
    mine = report["ssh"]["settings"][k]["value"]
    theirs = norm(k, real.get(k, ""))
    if mine != theirs:
        bad.append(f"{k}: ctguard '{mine}', sshd -T '{theirs}'")
# Every Match block ctguard says turns something on does so for a user it names (deploy).
ids = {"ssh.password_auth": "passwordauthentication", "ssh.empty_passwords": "permitemptypasswords",
       "ssh.kbd_interactive": "kbdinteractiveauthentication", "ssh.root_login": "permitrootlogin"}
for f in report["findings"]:
    if "Match User deploy" in f["message"] and deploy.get(ids[f["id"]]) != "yes":
        bad.append(f"{f['id']} at {f['file']}:{f['line']}: sshd -T -C user=deploy says {deploy.get(ids[f['id']])}")
matches = sorted((f["id"], f["file"], f["line"]) for f in report["findings"] if "'Match" in f["message"])
if sys.argv[5] == "tricky":
    want = [("ssh.empty_passwords", "/etc/ssh/match.d/m.conf", 1),
            ("ssh.password_auth", "/etc/ssh/sshd_config", 11)]
    if matches != want:
        bad.append(f"Match findings {matches}, wanted {want}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
done
