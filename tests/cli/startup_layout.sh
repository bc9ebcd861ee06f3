# The functions a quick command runs sit together in the binary's text, so a start reads them in a
# few page faults (CMakeLists.txt, docs/testing.md): those `status` and `--version` run lie within
# 512 KiB (the list puts them in about 300 KiB; unordered they spread over 5 MB). A function that
# joined their path since tools/startup_order.sh last wrote data/startup_functions.txt lands
# elsewhere: the test names it.
. "$TEST_LIB"
set -e
command -v valgrind >/dev/null || skip "valgrind is not installed"
# A sanitizer build's binary is not the one that ships, and ASan does not run under valgrind.
! ldd "$CTGUARD" | grep -q libasan || skip "sanitizer build"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

nm --defined-only --print-size "$CTGUARD" >"$TMP/symbols"
for args in "status" "--version"; do
    # shellcheck disable=SC2086 # a command line
    /usr/bin/python3 "$SRC_DIR/tools/executed_functions.py" "$CTGUARD" $args >"$TMP/ran"
    /usr/bin/python3 - "$TMP/symbols" "$TMP/ran" "$SRC_DIR/data/startup_functions.txt" "$args" <<'PY'
import sys
symbols_file, ran_file, list_file, command = sys.argv[1:]
where = {}
for line in open(symbols_file):
    fields = line.split()
    if len(fields) == 4 and fields[2] in "tTwW":
        where.setdefault(fields[3], (int(fields[0], 16), int(fields[1], 16)))
ran = [name for name in open(ran_file).read().split() if name in where]
listed = set(open(list_file).read().split())
if len(ran) < 50:
    sys.exit(f"FAIL: callgrind saw only {len(ran)} functions of the binary run `{command}`")
span = max(sum(where[name]) for name in ran) - min(where[name][0] for name in ran)
print(f"`{command}`: {len(ran)} functions within {span // 1024} KiB")
if span > 512 * 1024:
    missing = [name for name in ran if name not in listed]
    print(f"not in data/startup_functions.txt ({len(missing)}):", *missing[:20], sep="\n  ")
    sys.exit(f"FAIL: the functions `{command}` runs spread over {span // 1024} KiB of text: "
             "run tools/startup_order.sh as root, rebuild and commit the list")
PY
done
echo "PASS"
