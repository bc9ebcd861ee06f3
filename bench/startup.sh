#!/bin/bash
# bench/startup.sh [BUILD_DIR]: process start-up cost. Times `ctguard --version`, `ctguard status`
# and `conntrack -C` (the peer: one netlink request, C, few libraries) in the same run, interleaved
# round by round so load changes hit all three alike. status is O(1) in the table size, so the
# host's own table will do (both commands only read it). Prints medians of $RUNS runs (default 40).
# CTGUARD=PATH times another binary (e.g. an older build) instead of BUILD_DIR/ctguard.
set -eu
BUILD=${1:-build}
CTGUARD=${CTGUARD:-$BUILD/ctguard}
RUNS=${RUNS:-40}
[ -x "$CTGUARD" ] || { echo "startup.sh: build first ($CTGUARD missing)" >&2; exit 69; }
command -v conntrack >/dev/null || { echo "startup.sh: conntrack is not installed" >&2; exit 69; }

/usr/bin/python3 - "$CTGUARD" "$RUNS" <<'PY'
import statistics, subprocess, sys, time
ctguard, runs = sys.argv[1], int(sys.argv[2])
commands = {
    "ctguard --version": [ctguard, "--version"],
    "ctguard status": [ctguard, "status"],
    "conntrack -C": ["conntrack", "-C"],
}
times = {name: [] for name in commands}
for _ in range(3):  # warm the page cache
    for argv in commands.values():
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
for _ in range(runs):
    for name, argv in commands.items():
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times[name].append((time.perf_counter() - t) * 1e3)
peer = statistics.median(times["conntrack -C"])
print(f"start-up: median of {runs} runs each, interleaved (python perf_counter around subprocess.run)")
for name, t in times.items():
    med = statistics.median(t)
    extra = "" if name == "conntrack -C" else f"   {med - peer:+.2f} ms vs conntrack -C, ratio {med / peer:.2f}x"
    print(f"  {name:<20} {med:6.2f} ms  (min {min(t):5.2f}){extra}")
PY
