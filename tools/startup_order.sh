#!/bin/bash
# tools/startup_order.sh [BUILD_DIR]: rewrites data/startup_functions.txt, the functions the quick
# commands run, which the linker puts first in the binary's text (CMakeLists.txt says why). Run it
# after changing what `status` or `--version` runs (tests/cli/startup_layout.sh then fails and names
# the functions it misses), rebuild, and commit the list with the change. It runs `status` on this
# machine's table, which reading the kernel's counters needs root for.
set -eu
BUILD=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CTGUARD=$BUILD/ctguard
OUT=$SRC/data/startup_functions.txt
[ -x "$CTGUARD" ] || { echo "startup_order.sh: build first ($CTGUARD missing)" >&2; exit 69; }
command -v valgrind >/dev/null || { echo "startup_order.sh: valgrind is not installed" >&2; exit 69; }

tmp=$(mktemp "$OUT.XXXXXX")
trap 'rm -f "$tmp"' EXIT
{
    echo "# The functions \`ctguard status\`, \`status --json\` and \`--version\` run, as callgrind saw them:"
    echo "# lld places these first in the text (CMakeLists.txt). Written by tools/startup_order.sh."
    # Each command's functions sorted (callgrind's order changes from build to build, and a list
    # that only moved would be a diff of hundreds of lines), then each kept where it first appears.
    for args in "status" "status --json" "--version"; do
        # shellcheck disable=SC2086 # each entry is a command line
        /usr/bin/python3 "$SRC/tools/executed_functions.py" "$CTGUARD" $args | LC_ALL=C sort
    done | awk '!seen[$0]++'
} >"$tmp"
sync "$tmp"
mv "$tmp" "$OUT"
trap - EXIT
echo "wrote $OUT: $(grep -vc '^#' "$OUT") functions"
