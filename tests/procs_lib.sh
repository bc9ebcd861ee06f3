# Shared by tests/kernel/procs_*.sh (sourced after $TEST_LIB): a namespace whose conntrack tracks
# real traffic, a work directory under /tmp, and cleanup of everything started from it.
# procs_setup NAME   sets $ns, $work and $pids; background pids appended to $pids are killed on exit,
#                    and so is any process whose binary lies in $work (respawned copies).
procs_setup() {
    ns=$(new_netns "$1")
    work=$(mktemp -d "/tmp/ctg-$1-XXXXXX")
    pids=""
    trap procs_cleanup EXIT INT TERM
    # Conntrack tracks a namespace's traffic only once a rule needs it.
    in_ns "$ns" nft add table inet t
    in_ns "$ns" nft add chain inet t out '{ type filter hook output priority 0; }'
    in_ns "$ns" nft add rule inet t out ct state new counter
}
# Pids of processes running a binary from $work (a deleted one too: its link ends in " (deleted)").
# One find, not a readlink per process: a slow scan misses a chain that respawns meanwhile.
pids_from_work() {
    find /proc/[0-9]*/exe -maxdepth 0 -lname "$work/*" -printf '%h\n' 2>/dev/null | sed 's|^/proc/||'
}
# With wait_until: a respawning chain can sit between parent and child for an instant.
two_members() { [ "$(pids_from_work | wc -l)" -ge 2 ]; }
no_members() { [ -z "$(pids_from_work)" ]; }
procs_cleanup() {
    for p in $pids $(pids_from_work); do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
    cleanup_netns
}
