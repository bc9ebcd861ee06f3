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
# Pids of processes running a binary from $work.
pids_from_work() {
    for d in /proc/[0-9]*; do
        case "$(readlink "$d/exe" 2>/dev/null)" in "$work"/*) echo "${d#/proc/}" ;; esac
    done
}
procs_cleanup() {
    for p in $pids $(pids_from_work); do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
    cleanup_netns
}
