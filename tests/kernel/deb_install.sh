# The Debian package: built by scripts/build-deb.sh (dpkg-buildpackage, then lintian, which fails the
# build on an error), then installed, removed and purged with dpkg in a throw-away root: an overlay
# of the machine's own root file system, whose writes go to a tmpfs in a private mount namespace, so
# the package meets the real dependencies and the machine's / is never written. In there:
# `ctguard --version` names the commit, `man -l` shows both pages, the completion loads, the
# conffile and /var/lib/ctguard are in place and the unit is enabled the Debian way; remove keeps
# configuration and state, purge removes both.
#
# The package is built once into BUILD/deb-test and kept: later runs compile only what changed
# (with ccache, when installed, a new tree costs little too). It is built for speed (nocheck noopt
# unity, no -g: about 100 s on 2 cores instead of 400): this tests the packaging; `make deb` builds
# the real one. A unity build also fails when two files of a layer define the same name in their
# anonymous namespaces (a twin to share, or a name to make specific). The build uses both cores, so
# ctest gives this test both (PROCESSORS 2, tests/CMakeLists.txt).
. "$TEST_LIB"
set -e
[ "$(id -u)" -eq 0 ] || skip "needs root (a private mount namespace with an overlay of /)"
for tool in dpkg-buildpackage dh lintian; do
    command -v "$tool" >/dev/null || skip "cannot build the .deb here: $tool is missing (make deps installs dpkg-dev, debhelper, lintian)"
done
if ! (cd "$SRC_DIR" && dpkg-checkbuilddeps -Pnocheck) 2>"${TMPDIR:-/tmp}/ctguard-builddeps.$$"; then
    reason=$(cat "${TMPDIR:-/tmp}/ctguard-builddeps.$$"); rm -f "${TMPDIR:-/tmp}/ctguard-builddeps.$$"
    skip "cannot build the .deb here: $reason"
fi
rm -f "${TMPDIR:-/tmp}/ctguard-builddeps.$$"
T=$(mktemp -d)
trap 'umount -R "$T/t" 2>/dev/null || true; rm -rf "$T"' EXIT INT TERM

mkdir -p "$(dirname "$CTGUARD")/deb-test"
out=$(cd "$(dirname "$CTGUARD")/deb-test" && pwd)
# No -g, and not dpkg's -ffile-prefix-map=$out/src=. either: with ccache (when installed) and paths
# taken relative to the copy, the same compile in another tree or after make clean is a cache hit.
export DEB_CXXFLAGS_STRIP="-g -ffile-prefix-map=$out/src=."
if command -v ccache >/dev/null; then
    export CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_BASEDIR="$out/src"
fi
start=$(date +%s)
DEB_BUILD_OPTIONS="nocheck noopt unity parallel=2" "$SRC_DIR/scripts/build-deb.sh" "$out" >"$T/build.log" 2>&1 ||
    { tail -n 40 "$T/build.log"; fail "scripts/build-deb.sh failed"; }
deb=$(tail -n 1 "$T/build.log")
echo "built $(basename "$deb") in $(($(date +%s) - start)) s; lintian:"
sed -n '/^[EWI]: ctguard/p' "$T/build.log"

# What is in it, from dpkg-deb.
version=$(sed -n 's/^project(ctguard VERSION \([0-9.]*\).*/\1/p' "$SRC_DIR/CMakeLists.txt")
assert_eq "$(dpkg-deb -f "$deb" Version)" "$version" "the package's version (debian/changelog) against CMakeLists.txt"
dpkg-deb -c "$deb" | awk '{print $6}' >"$T/contents"
for path in ./usr/sbin/ctguard ./usr/lib/ctguard/ctguard-metrics-http.so ./usr/lib/ctguard/ctguard-terminal.so \
    ./usr/share/man/man8/ctguard.8.gz ./usr/share/man/man5/ctguard.toml.5.gz \
    ./usr/share/bash-completion/completions/ctguard ./lib/systemd/system/ctguard.service \
    ./etc/ctguard/ctguard.toml ./usr/share/doc/ctguard/examples/alertmanager/alertmanager.yml; do
    grep -qx -- "$path" "$T/contents" || fail "the package lacks $path"
done
dpkg-deb -f "$deb" Depends | grep -q libnftables1 || fail "Depends lacks libnftables1 (dlopen'ed)"

# The commit --version should name: the copy's COMMIT file, from the tree it was made of.
commit=$(cat "$out/src/COMMIT")

# What the machine's own dpkg knows of ctguard (normally nothing), to compare after the test.
host_state() { ls -l /var/lib/dpkg/info/ctguard.list /usr/sbin/ctguard 2>&1; dpkg-query -W -f='${db:Status-Status}' ctguard 2>&1 || true; }
before=$(host_state)

# The throw-away root, and what runs in it (chroot: its own dpkg database, the machine's packages).
mkdir -p "$T/t" "$T/root"
cp "$deb" "$T/ctguard.deb"
cat >"$T/steps.sh" <<EOF
#!/bin/sh
set -e
fail() { echo "FAIL: \$*" >&2; exit 1; }
dpkg -i /tmp/ctguard.deb >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; fail "dpkg -i"; }
ctguard --version | grep -qx "ctguard $version (commit $commit)" || fail "--version: \$(ctguard --version)"
MANWIDTH=100 man --warnings -l /usr/share/man/man8/ctguard.8.gz 2>/tmp/warn | grep -q "ctguard limit set" || fail "man -l ctguard.8"
MANWIDTH=100 man --warnings -l /usr/share/man/man5/ctguard.toml.5.gz 2>>/tmp/warn | grep -q "max_running_actions" || fail "man -l ctguard.toml.5"
[ ! -s /tmp/warn ] || { cat /tmp/warn; fail "man warnings"; }
bash -c '. /usr/share/bash-completion/completions/ctguard && complete -p ctguard' | grep -q _ctguard || fail "completion"
ctguard daemon --check-config /etc/ctguard/ctguard.toml >/dev/null || fail "the default configuration is invalid"
grep -q '^#' /etc/ctguard/ctguard.toml || fail "the configuration has no comments"
dpkg-query -W -f='\${Conffiles}\n' ctguard | grep -q ' /etc/ctguard/ctguard.toml ' || fail "not a conffile"
[ "\$(stat -c %a /var/lib/ctguard)" = 750 ] || fail "/var/lib/ctguard: mode \$(stat -c %a /var/lib/ctguard 2>&1)"
[ -L /etc/systemd/system/multi-user.target.wants/ctguard.service ] || fail "the unit is not enabled"
grep -qx 'ExecStart=/usr/sbin/ctguard daemon --config /etc/ctguard/ctguard.toml' /lib/systemd/system/ctguard.service || fail "ExecStart"
echo state >/var/lib/ctguard/history.db
echo "# edited" >>/etc/ctguard/ctguard.toml

dpkg -r ctguard >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; fail "dpkg -r"; }
[ ! -e /usr/sbin/ctguard ] || fail "remove left the binary"
grep -q '^# edited' /etc/ctguard/ctguard.toml || fail "remove did not keep the edited configuration"
[ -f /var/lib/ctguard/history.db ] || fail "remove did not keep the state"

dpkg --purge ctguard >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; fail "dpkg --purge"; }
[ ! -e /etc/ctguard ] || fail "purge left /etc/ctguard"
[ ! -e /var/lib/ctguard ] || fail "purge left /var/lib/ctguard"
[ ! -e /etc/systemd/system/multi-user.target.wants/ctguard.service ] || fail "purge left the unit enabled"
! dpkg-query -W ctguard >/dev/null 2>&1 || [ "\$(dpkg-query -W -f='\${db:Status-Status}' ctguard)" = not-installed ] || fail "still known to dpkg"
echo "installed, checked, removed and purged"
EOF
chmod +x "$T/steps.sh"
# The mount namespace ends with the command: every mount goes with it. /run is empty (no systemd
# there: the unit is enabled but not started) and /proc is the chroot's own mount.
unshare --mount --propagation private sh -ec '
    T=$1
    mount -t tmpfs -o size=512m ctguard-deb-test "$T/t"
    mkdir "$T/t/upper" "$T/t/work"
    mount -t overlay overlay -o "lowerdir=/,upperdir=$T/t/upper,workdir=$T/t/work" "$T/root"
    mount -t proc proc "$T/root/proc"
    mount --rbind /dev "$T/root/dev"
    mount -t tmpfs tmpfs "$T/root/run"
    mount -t tmpfs tmpfs "$T/root/tmp"
    cp "$T/ctguard.deb" "$T/steps.sh" "$T/root/tmp/"
    chroot "$T/root" /tmp/steps.sh
' sh "$T" || fail "the package in the throw-away root"
# Nothing reached the machine's own root: its dpkg database knows what it knew before.
assert_eq "$(host_state)" "$before" "the machine's own dpkg state of ctguard"
