# shield beside iptables-legacy: a namespace whose only stateful rule is an iptables-legacy one (which
# nft cannot list) is still a namespace that tracks connections; the plan names the legacy tables and
# says their rules are not read. Only the plan: nothing is loaded or written.
. "$TEST_LIB"
set -e
command -v iptables-legacy >/dev/null || skip "needs iptables-legacy (make deps installs iptables)"
ns=$(new_netns legacy)
ip -n "$ns" link add lg0 type veth peer name lg1
ip -n "$ns" addr add 198.18.81.1/24 dev lg0
ip -n "$ns" link set lg0 up
ip -n "$ns" link set lg1 up
trap 'stop_bg; cleanup_netns' EXIT
bg_start ip netns exec "$ns" /usr/bin/python3 -c '
import socket, time
s = socket.socket(); s.bind(("198.18.81.1", 8080)); s.listen(8)
time.sleep(60)'
wait_listen "$ns" 8080

# Without the legacy rule the namespace tracks nothing: nothing to do.
expect_exit 0 in_ns "$ns" "$CTGUARD" shield
expect_out "this namespace tracks no connections"
in_ns "$ns" iptables-legacy -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
expect_exit 0 in_ns "$ns" "$CTGUARD" shield
expect_out "iptables-legacy tables are loaded here (filter)"
expect_out "synproxy   yes  tcp 8080 listens"
expect_exit 0 in_ns "$ns" "$CTGUARD" --json shield
assert_eq "$(json '[m["name"] for m in j["measures"] if m["chosen"]][0]')" "synproxy" "the first measure chosen"
in_ns "$ns" nft list tables | grep -q ctguard_shield && fail "the plan loaded the shield"
true
