# limit in a real non-initial network namespace: nf_conntrack_max is the host's (read-only here), so
# `limit set` refuses with exit 77; the timeouts are per namespace and can be set here.
. "$TEST_LIB"
set -e
ns=$(new_netns limit)
host_max=$(cat /proc/sys/net/netfilter/nf_conntrack_max)
host_udp=$(cat /proc/sys/net/netfilter/nf_conntrack_udp_timeout)
in_ns "$ns" "$FIXTURE" insert --count 20 >/dev/null

expect_exit 0 in_ns "$ns" "$CTGUARD" --json limit
assert_eq "$(json 'j["max"], j["count"], j["host_only"]')" "$host_max 20 True" "show in a namespace"
expect_exit 0 in_ns "$ns" "$CTGUARD" limit
expect_out "read-only here: set by the host"

for how in "in_ns $ns $CTGUARD" "$CTGUARD --netns $ns"; do
    for extra in "" "--persist --dry-run" "--hashsize 1024"; do
        # shellcheck disable=SC2086
        expect_exit 77 $how limit set 1000 $extra
        expect_err "ctguard: limit set: nf_conntrack_max is read-only in this network namespace: the limit belongs to the host"
    done
done
assert_eq "$(cat /proc/sys/net/netfilter/nf_conntrack_max)" "$host_max" "host max changed"

# Timeouts belong to the namespace: set here, the host keeps its own.
expect_exit 0 in_ns "$ns" "$CTGUARD" --json limit timeouts --set udp_timeout=17
assert_eq "$(json 'j["live"][0]["before"], j["live"][0]["after"]')" "$host_udp 17" "timeout set"
assert_eq "$(in_ns "$ns" cat /proc/sys/net/netfilter/nf_conntrack_udp_timeout)" 17 "namespace value"
assert_eq "$(cat /proc/sys/net/netfilter/nf_conntrack_udp_timeout)" "$host_udp" "host timeout changed"
expect_exit 64 in_ns "$ns" "$CTGUARD" limit timeouts --set udp_timeout_forever=1
expect_err "ctguard: limit timeouts: unknown timeout 'udp_timeout_forever'"
