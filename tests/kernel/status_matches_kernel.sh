# status: count and max agree with conntrack -C and the sysctl, in a throw-away namespace.
. "$TEST_LIB"
set -e
ns=$(new_netns status)
in_ns "$ns" "$FIXTURE" insert --count 1234 --sources 7 >/dev/null
in_ns "$ns" "$FIXTURE" insert --count 56 --src 2001:db8::/64 --dst 2001:db8:1::1 --proto udp --dport 53 >/dev/null
expect_exit 0 in_ns "$ns" "$CTGUARD" --json status
assert_eq "$(json 'j["count"]')" "$(in_ns "$ns" conntrack -C)" "count vs conntrack -C"
assert_eq "$(json 'j["count"]')" 1290 "count"
assert_eq "$(json 'j["max"]')" "$(cat /proc/sys/net/netfilter/nf_conntrack_max)" "max"
assert_eq "$(json 'j["source"]')" netlink "source"
assert_eq "$(json 'j["level"]')" ok "level"
# --netns reaches the same namespace from outside.
expect_exit 0 "$CTGUARD" --netns "$ns" --json status
assert_eq "$(json 'j["count"]')" 1290 "count through --netns"
# ... and by path, and by the PID of a process living in it.
expect_exit 0 "$CTGUARD" --netns "/run/netns/$ns" --json status
assert_eq "$(json 'j["count"]')" 1290 "count through --netns PATH"
ip netns exec "$ns" sleep 30 &
sleeper=$!
in_netns() { [ "$(stat -L -c %i "/proc/$sleeper/ns/net")" = "$(stat -L -c %i "/run/netns/$ns")" ]; }
wait_until 10 "the sleeper inside $ns" in_netns
expect_exit 0 "$CTGUARD" --netns "$sleeper" --json status
assert_eq "$(json 'j["count"]')" 1290 "count through --netns PID"
expect_exit 0 "$CTGUARD" --netns "pid:$sleeper" --json status
assert_eq "$(json 'j["count"]')" 1290 "count through --netns pid:PID"
kill "$sleeper"
