#!/bin/bash
# bench/startup.sh [BUILD_DIR]: process start-up cost. Times `ctguard --version`, `ctguard status`
# and `conntrack -C` (the peer: one netlink request, C, few libraries) in the same run, interleaved
# round by round so load changes hit all of them alike. status is O(1) in the table size, so the
# host's own table will do (both commands only read it). Prints medians of $RUNS runs (default 40)
# of the wall time and of the CPU time (user + system, from wait4: on a busy machine the wall time
# also holds the time spent waiting for a CPU), each with its ratio to conntrack -C, and the page
# faults (minor, from wait4), which on a VM are most of a start's cost (docs/testing.md).
# CTGUARD=PATH times another binary instead of BUILD_DIR/ctguard; BEFORE=PATH adds an older build's
# `status` to the same rounds (before/after in one run).
set -eu
BUILD=${1:-build}
CTGUARD=${CTGUARD:-$BUILD/ctguard}
RUNS=${RUNS:-40}
[ -x "$CTGUARD" ] || { echo "startup.sh: build first ($CTGUARD missing)" >&2; exit 69; }
command -v conntrack >/dev/null || { echo "startup.sh: conntrack is not installed" >&2; exit 69; }

/usr/bin/python3 - "$CTGUARD" "$RUNS" "${BEFORE:-}" <<'PY'
import os, statistics, subprocess, sys, time
ctguard, runs, before = sys.argv[1], int(sys.argv[2]), sys.argv[3]
commands = {
    "ctguard --version": [ctguard, "--version"],
    "ctguard status": [ctguard, "status"],
    "conntrack -C": ["conntrack", "-C"],
}
if before:
    commands["before: status"] = [before, "status"]
wall = {name: [] for name in commands}
cpu = {name: [] for name in commands}
faults = {name: [] for name in commands}

def run(argv):
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"startup.sh: {' '.join(argv)} failed")
    return (time.perf_counter() - t) * 1e3, (usage.ru_utime + usage.ru_stime) * 1e3, usage.ru_minflt

for _ in range(3):  # warm the page cache
    for argv in commands.values():
        run(argv)
for _ in range(runs):
    for name, argv in commands.items():
        w, c, f = run(argv)
        wall[name].append(w)
        cpu[name].append(c)
        faults[name].append(f)
peer_wall, peer_cpu = statistics.median(wall["conntrack -C"]), statistics.median(cpu["conntrack -C"])
print(f"start-up: median of {runs} runs each, interleaved (wall: perf_counter around fork+exec+wait; cpu: user+sys)")
for name in commands:
    w, c = statistics.median(wall[name]), statistics.median(cpu[name])
    extra = "" if name == "conntrack -C" else f"   ratio wall {w / peer_wall:.2f}x, cpu {c / peer_cpu:.2f}x"
    print(f"  {name:<20} wall {w:6.2f} ms (min {min(wall[name]):5.2f})  cpu {c:5.2f} ms"
          f"  faults {statistics.median(faults[name]):4.0f}{extra}")
PY
