# ctguard(8) and ctguard.toml(5) as the build made them: they render without a warning, ctguard(8)
# has every command and option that --help shows (and no other), is what the binary prints now, and
# lists the exit codes of docs/CLI.md; ctguard.toml(5) describes every key the configuration parser
# accepts.
. "$TEST_LIB"
set -e
command -v man >/dev/null || skip "man (Debian package man-db) is not installed"
MAN_DIR=$(dirname "$CTGUARD")/man
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# render PAGE: the page as `man` shows it, wide enough that no line of an option wraps; groff's
# warnings (bad requests, unknown escapes) go to $TMP/warnings.
render() { MANWIDTH=250 man --warnings -l "$1" 2>"$TMP/warnings"; }
for page in ctguard.8 ctguard.toml.5; do
    render "$MAN_DIR/$page" >"$TMP/$page.txt"
    [ ! -s "$TMP/warnings" ] || { cat "$TMP/warnings"; fail "man reports problems in $page"; }
    grep -q '^NAME' "$TMP/$page.txt" || fail "$page has no NAME section"
done

# The installed page is the binary's: a page left over from an older build would be stale.
"$CTGUARD" --man-page >"$TMP/now.8"
cmp -s "$TMP/now.8" "$MAN_DIR/ctguard.8" || fail "build/man/ctguard.8 differs from 'ctguard --man-page'"
"$CTGUARD" --version | grep -qE '^ctguard [0-9]+\.[0-9]+\.[0-9]+ \(commit [^ ]+\)$' ||
    fail "--version prints '$("$CTGUARD" --version)', not 'ctguard X.Y.Z (commit C)'"
grep -qF "ctguard $("$CTGUARD" --version | cut -d' ' -f2-)" "$TMP/ctguard.8.txt" || fail "the page's footer lacks the version"

# Commands and options, by the page's sections ("   ctguard limit set [OPTIONS] N"), against --help.
/usr/bin/python3 "$SRC_DIR/tests/help_options.py" "$CTGUARD" >"$TMP/help"
/usr/bin/python3 - "$TMP/ctguard.8.txt" "$TMP/help" <<'PY'
import re, sys
page, help_lines = open(sys.argv[1]).read().splitlines(), open(sys.argv[2]).read().splitlines()
on_page, section, path = {}, None, None
for line in page:
    if line and not line.startswith(" "):
        section, path = line, ("" if line == "GLOBAL OPTIONS" else None)
        continue
    m = re.match(r"^   ctguard ((?:[a-z-]+ ?)+)", line)
    if section == "COMMANDS" and m:
        path = " ".join(w for w in m.group(1).split() if w.islower())
        on_page.setdefault(path, set())
        continue
    m = re.match(r"^       (-[-\w]+(?:, -[-\w]+)*)", line)
    if path is not None and m:
        on_page.setdefault(path, set()).update(m.group(1).split(", "))
want = {}
for line in help_lines:
    p, word = line.split("\t")
    want.setdefault(p, set())
    if not word.startswith("+") and (p == "" or word not in ("-h", "--help")):
        want[p].add(word)
bad = [f"{p or 'ctguard'}: --help has {sorted(want[p] - on_page.get(p, set()))}, the page "
       f"{sorted(on_page.get(p, set()) - want[p])}" for p in want if want[p] != on_page.get(p, set())]
bad += [f"the page has a section for '{p}', which --help does not know" for p in on_page if p not in want]
if bad:
    sys.exit("FAIL: ctguard(8) and --help differ:\n  " + "\n  ".join(bad))
print(f"ctguard(8): {len(want)} commands, {sum(len(v) for v in want.values())} options, as --help")
PY

# Exit codes: the page's EXIT STATUS and docs/CLI.md's table list the same codes.
page_codes=$(awk '/^EXIT STATUS/{on=1; next} /^[A-Z]/{on=0} on && /^       [0-9]+ /{print $1}' "$TMP/ctguard.8.txt" | sort -n | tr '\n' ' ')
doc_codes=$(awk '/^## Exit codes/{on=1; next} /^## /{on=0} on && /^\| [0-9]+ \|/{print $2}' "$SRC_DIR/docs/CLI.md" | sort -n | tr '\n' ' ')
[ -n "$doc_codes" ] || fail "no exit codes found in docs/CLI.md"
assert_eq "$page_codes" "$doc_codes" "exit codes of ctguard(8) and docs/CLI.md"

# Every key the parser accepts (its known_keys lists) is described in docs/config.md, hence ctguard.toml(5).
keys=$(grep -h -A3 'known_keys(' "$SRC_DIR"/src/config/*.cpp | tr -s '\n ' ' ' | grep -o '{"[^}]*}' | grep -o '"[a-z_]*"' | tr -d '"' | sort -u)
[ "$(echo "$keys" | wc -l)" -ge 20 ] || fail "found only $(echo "$keys" | wc -l) configuration keys in src/config"
for key in $keys; do
    # A table is its heading; a key is an item of a list, "• key (type, default ...)" (justified).
    case $key in
        daemon | thresholds) pattern="^\\[$key\\]$" ;;
        tenant | action) pattern="^\\[\\[$key\\]\\]$" ;;
        *) pattern="^ +• $key +\\(" ;;
    esac
    grep -qE -- "$pattern" "$TMP/ctguard.toml.5.txt" || fail "ctguard.toml(5) does not describe '$key' (looked for '$pattern')"
done
echo "ctguard.toml(5): all $(echo "$keys" | wc -l) keys described"
