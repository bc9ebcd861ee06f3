#!/bin/bash
# The labelled detection benchmark (bench/detection/): every legitimate layout and malware behaviour
# of bench/detection/cases.py, each a real process with real connections on a private server of its
# own (mount, cgroup and network namespaces), judged by `ctguard check` and `ctguard procs`. Prints
# one line per case, precision and recall of the verdict and of the per-process flags, and every
# miss and false positive with ctguard's reasons. Extra arguments go to the harness
# (--only ID,..., --quick, --json FILE).
#   bench/detection.sh [BUILD_DIR] [ARGS...]     (root; about 5 minutes for the whole set)
set -eu
build=${1:-build}
[ $# -gt 0 ] && shift
[ "$(id -u)" -eq 0 ] || { echo "bench/detection.sh: needs root (namespaces, cgroups)" >&2; exit 77; }
here=$(dirname "$(realpath "$0")")
exec /usr/bin/python3 "$here/detection/harness.py" --ctguard "$(realpath "$build/ctguard")" \
    --fixture "$(realpath "$build/tests/flow_fixture")" "$@"
