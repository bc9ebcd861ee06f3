#!/bin/sh
# Installs the Debian 12 packages ctguard needs to build (lld-16 links the binary), test (valgrind
# checks its start-up layout), fuzz (clang 14 and its libFuzzer runtime, which clang only
# recommends), benchmark and package (make deb: debhelper, lintian; pandoc makes ctguard.toml(5)).
# Idempotent: asks dpkg first and runs apt-get (with one `update`) only when something is missing.
set -eu

PACKAGES="
build-essential cmake ninja-build pkg-config git lld-16 valgrind
libmnl-dev libcli11-dev libfmt-dev nlohmann-json3-dev libtomlplusplus-dev
libsqlite3-dev libsqlitecpp-dev libcpp-httplib-dev libnftables-dev libssl-dev
libgtest-dev libgmock-dev libncurses-dev tmux
clang libclang-rt-14-dev
conntrack nftables iptables iproute2 procps util-linux openssh-server prometheus python3 sqlite3 time hping3
prometheus-node-exporter
debhelper lintian pandoc man-db prometheus-alertmanager python3-yaml curl
"

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done

if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ctguard: deps: missing Debian packages:$missing" >&2
    echo "hint: run 'make deps' as root, or: apt-get install$missing" >&2
    exit 77
fi

echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d keeps package scripts from starting services (sshd, prometheus) on the build machine.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
fi
apt-get install -y -qq --no-install-recommends $missing
[ "$created_policy" -eq 0 ] || rm -f "$policy"
