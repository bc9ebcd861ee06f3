#!/bin/sh
# bench/audit.sh [BUILD_DIR]: how long `ctguard audit` takes on this host, next to the tools a person
# would run for parts of the same job, in the same run:
#   dpkg --verify procps iproute2 coreutils net-tools   (the system-binary checksums, whole packages)
#   sshd -T                                             (the effective SSH settings; private /run)
# Prints the median of 5 runs of each and the ratios.
set -eu
BUILD=${1:-build}
CTGUARD=$BUILD/ctguard
[ -x "$CTGUARD" ] || { echo "bench/audit.sh: $CTGUARD not built" >&2; exit 69; }

# median_ms CMD...: median wall time of 5 runs in milliseconds (output discarded).
median_ms() {
    for i in 1 2 3 4 5; do
        s=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s%N)
        echo $(((e - s) / 1000000))
    done | sort -n | sed -n 3p
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }

audit=$(median_ms "$CTGUARD" audit)
verify=$(median_ms dpkg --verify procps iproute2 coreutils net-tools)
echo "ctguard audit (everything)                 ${audit} ms"
echo "dpkg --verify (4 packages' checksums only) ${verify} ms   ctguard/dpkg = $(ratio "$audit" "$verify")"
if [ "$(id -u)" -eq 0 ] && [ -x /usr/sbin/sshd ]; then
    sshd_t=$(median_ms unshare -m sh -c 'mount -t tmpfs b /run && mkdir /run/sshd && /usr/sbin/sshd -T')
    echo "sshd -T (SSH settings only)                ${sshd_t} ms   ctguard/sshd-T = $(ratio "$audit" "$sshd_t")"
fi
