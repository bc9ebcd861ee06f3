# harden ssh judges every admin on the settings sshd applies to their own login (`sshd -T -C user=NAME`
# on the candidate configuration, the real sshd as the oracle): a Match User block demanding
# publickey,keyboard-interactive is a lock-out once keyboard-interactive goes off, although `sshd -t`
# passes; a Match Address block touching authentication cannot be judged and is refused (FILE:LINE);
# expired keys do not count and from= restrictions are reported; an authorized_keys linked to
# /etc/shadow is not read. Nothing is written in any refusal. --root trees only.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
harden_setup

# Password logins on, keyboard-interactive at its default (yes, answered by PAM), and alice (sudo, a key and
# a password) must pass both a key and keyboard-interactive.
R=$T/kbd
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
sed -i '/^KbdInteractiveAuthentication no/d' "$R/etc/ssh/sshd_config"
printf 'Match User alice\n    AuthenticationMethods publickey,keyboard-interactive\n' >>"$R/etc/ssh/sshd_config"
snapshot before
harden 69 --apply
expect_err "ctguard: harden ssh: refusing: alice would have no way in (now: publickey,keyboard-interactive): AuthenticationMethods publickey,keyboard-interactive; publickey,keyboard-interactive: KbdInteractiveAuthentication is no"
unchanged
# The control: the same tree without the Match block hardens (alice keeps her key).
sed -i '/^Match User alice/,$d' "$R/etc/ssh/sshd_config"
harden 0 --apply
expect_out "Wrote /etc/ssh/sshd_config.d/00-ctguard.conf."

# alice's ed25519 key is of a type her Match block does not accept: the parser (which knows no algorithm
# lists) counts it, sshd -T -C user=alice does not, and her password goes away with the drop-in.
printf 'Match User alice\n    PubkeyAcceptedAlgorithms rsa-sha2-512,rsa-sha2-256\n' >>"$R/etc/ssh/sshd_config"
rm "$R/etc/ssh/sshd_config.d/00-ctguard.conf"
snapshot before
harden 69 --apply
expect_out "ok   alice: 1 usable key: ssh-ed25519"
expect_err "ctguard: harden ssh: refusing: alice would have no way in (now: password or keyboard-interactive): publickey: no usable key (/home/alice/.ssh/authorized_keys:1: PubkeyAcceptedAlgorithms does not accept its type ssh-ed25519); password: PasswordAuthentication is no"
unchanged

# A Match Address block that turns passwords on: who it lets in depends on where a login comes from.
R=$T/addr
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
printf 'Match Address 198.18.0.0/15\n    PasswordAuthentication yes\n' >>"$R/etc/ssh/sshd_config"
line=$(grep -n '^Match Address' "$R/etc/ssh/sshd_config" | cut -d: -f1)
snapshot before
harden 69 --apply
expect_err "ctguard: harden ssh: refusing: /etc/ssh/sshd_config:$((line + 1)): 'Match Address 198.18.0.0/15' sets PasswordAuthentication, and who that block lets in depends on where a login comes from"
unchanged
# In a --root tree a Match Group block is judged by this machine's groups, not the tree's: refused too.
sed -i 's/^Match Address 198.18.0.0\/15/Match Group contractors/' "$R/etc/ssh/sshd_config"
snapshot before
harden 69 --apply
expect_err "'Match Group contractors' sets PasswordAuthentication, and who that block lets in depends on this machine's groups"
unchanged

# alice's only key has expired: no admin key, refused. With a from= restriction instead, it is reported.
R=$T/expiry
make_clean_tree "$R"
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
key=$(cat "$R/home/alice/.ssh/authorized_keys")
echo "expiry-time=\"20200101Z\" $key" >"$R/home/alice/.ssh/authorized_keys"
snapshot before
harden 69 --apply
expect_err "refusing: no SSH key would let root or a sudo user in"
expect_out 'no   alice: no usable key: /home/alice/.ssh/authorized_keys:1: it expired (expiry-time="20200101Z")'
unchanged
echo "from=\"198.18.0.0/15\" $key" >"$R/home/alice/.ssh/authorized_keys"
harden 0
expect_out "ok   alice: 1 usable key: ssh-ed25519 SHA256:"
expect_out "in /home/alice/.ssh/authorized_keys (only from 198.18.0.0/15)"
expect_out "note: alice's key /home/alice/.ssh/authorized_keys:1: only from 198.18.0.0/15"

# An authorized_keys its owner linked to /etc/shadow is not read (root would otherwise read the hashes).
R=$T/shadowlink
make_clean_tree "$R"
echo 'root:$6$SECRETSALT$SECRETHASH:19700:0:99999:7:::' >"$T/shadow"
ln -sf "$T/shadow" "$R/home/alice/.ssh/authorized_keys"
harden 0
expect_out "note: /home/alice/.ssh/authorized_keys was not read (a symbolic link, not followed): its keys are not checked"
if grep -q SECRET "$OUT" "$ERR"; then fail "the linked file was read: $(cat "$OUT" "$ERR")"; fi
echo ok
