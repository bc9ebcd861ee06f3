# Sourced by kernel tests: fills namespace $1 with a mixed table (IPv4 and IPv6, TCP states, UDP,
# ICMP, SCTP, zones, marks, unreplied entries) of 2,000+ entries with skewed sources.
fill_mixed() {
    local f="in_ns $1 $FIXTURE insert"
    $f --count 900 --src 198.18.0.10 --dst 198.19.0.1 --dport 443 >/dev/null
    $f --count 400 --src 198.18.1.0/24 --sources 40 --dst 198.19.0.2 --dport 80 --state SYN_RECV --unreplied >/dev/null
    $f --count 300 --src 198.18.2.0/24 --sources 3 --dst 198.19.0.0/24 --dests 5 --dport 22 --state TIME_WAIT --timeout 120 >/dev/null
    $f --count 200 --src 198.18.3.0/24 --sources 2 --dst 198.19.0.3 --proto udp --dport 53 --unreplied --zone 7 >/dev/null
    $f --count 150 --src 2001:db8:1::/64 --sources 15 --dst 2001:db8:2::1 --dport 443 --mark 0x10 >/dev/null
    $f --count 60 --src 2001:db8:3::/64 --sources 2 --dst 2001:db8:2::2 --proto udp --dport 123 >/dev/null
    $f --count 30 --src 198.18.4.0/24 --sources 30 --dst 198.19.0.4 --proto icmp >/dev/null
    $f --count 20 --src 2001:db8:4::/64 --sources 20 --dst 2001:db8:2::3 --proto icmp >/dev/null
    $f --count 25 --src 198.18.5.5 --dst 198.19.0.5 --proto sctp --state COOKIE_WAIT --dport 3868 >/dev/null
    $f --count 15 --src 198.18.6.0/24 --sources 5 --dst 198.19.0.6 --dport 25 --state SYN_SENT --unreplied --mark 0x21 >/dev/null
}
FILL_MIXED_TOTAL=2100
