# contrib/: the alert rules pass `promtool check rules` and their unit tests (`promtool test rules`);
# the Grafana dashboard is valid JSON; both query only metric families that ctguard exports.
. "$TEST_LIB"
set -e
command -v promtool >/dev/null || skip "promtool (Debian package prometheus) is not installed"
RULES="$SRC_DIR/contrib/prometheus/ctguard-alerts.yml"
FLEET="$SRC_DIR/contrib/prometheus/ctguard-fleet.yml"
DASHBOARD="$SRC_DIR/contrib/grafana/ctguard.json"

promtool check rules "$RULES" || fail "promtool check rules"
(cd "$SRC_DIR/contrib/prometheus" && promtool test rules ctguard-alerts.test.yml) || fail "promtool test rules"
promtool check rules "$FLEET" || fail "promtool check rules (fleet)"
(cd "$SRC_DIR/contrib/prometheus" && promtool test rules ctguard-fleet.test.yml) || fail "promtool test rules (fleet)"

# The families ctguard names: every exposition has HELP for all of them, samples or not.
expect_exit 0 "$CTGUARD" --root "$SRC_DIR/tests/data/metrics_root" metrics
sed -n 's/^# HELP \(ctguard_[a-z_]*\) .*/\1/p' "$OUT" | sort -u >"$OUT.families"
[ "$(wc -l <"$OUT.families")" -ge 10 ] || fail "too few families in the exposition"

/usr/bin/python3 - "$DASHBOARD" "$RULES" "$OUT.families" "$FLEET" <<'PY' || fail "dashboard or rules"
import json, re, sys
dashboard = json.load(open(sys.argv[1]))
exported = set(open(sys.argv[3]).read().split())
exprs = []
for panel in dashboard["panels"]:
    targets = panel.get("targets", [])
    assert targets, f"panel {panel['title']!r} queries nothing"
    for t in targets:
        assert t["expr"].strip(), f"panel {panel['title']!r} has an empty query"
        exprs.append(("dashboard: " + panel["title"], t["expr"]))
for v in dashboard["templating"]["list"]:
    if v["type"] == "query":
        exprs.append(("variable " + v["name"], v["definition"]))
for rules in (sys.argv[2], sys.argv[4]):
    for n, line in enumerate(open(rules), 1):
        # A multi-line expr (expr: |) continues on the lines below; they name families too.
        if line.strip().startswith("expr:") or line.startswith("          "):
            exprs.append((f"{rules} line {n}", line.split("expr:", 1)[-1]))
bad = [(where, name) for where, e in exprs for name in re.findall(r"\bctguard_[a-z_]+", e) if name not in exported]
assert not bad, f"not exported by ctguard: {bad}"
titles = {p["title"] for p in dashboard["panels"]}
for need in ("Entries per tenant", "Level", "Top sources", "Drops and insert failures"):
    assert need in titles, f"dashboard lacks {need!r}"
print(f"{len(exprs)} queries use only exported families")
PY
