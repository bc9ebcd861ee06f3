#!/bin/bash
# The random-name model on names it was not trained on: false positives on real names from
# tests/data/names_heldout (executables of Debian packages outside data/names, package names of
# other Debian images, systemd units, kernel threads), plus any FILE given (one name a line, e.g.
# `ps -eo comm= >names.txt` on your own servers); detection on random names made the way malware
# makes them. Uses `ctguard debug name-score`, so it measures the model built into BUILD_DIR/ctguard.
#   bench/name_model.sh [BUILD_DIR] [FILE...]      (targets: <= 0.5% false positives, >= 95% detected)
set -eu
build=${1:-build}
[ $# -gt 0 ] && shift
src=$(dirname "$(realpath "$0")")/..
exec /usr/bin/python3 - "$(realpath "$build/ctguard")" "$src/data/names" "$src/tests/data/names_heldout" "$@" <<'PY'
import glob, os, random, string, subprocess, sys

ctguard, training_dir, heldout_dir, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

def names(path):  # as the model reads a corpus: '#' comments skipped, cut to comm's 15 bytes
    with open(path, errors="replace") as f:
        return [line.strip()[:15] for line in f if line.strip() and not line.lstrip().startswith("#")]

def scores(items):
    out = subprocess.run([ctguard, "debug", "name-score"], input="\n".join(items) + "\n", text=True,
                         capture_output=True, check=True).stdout
    return [(n, float(s), v == "random") for n, s, v in (l.split("\t") for l in out.splitlines())]

training = {n for f in glob.glob(os.path.join(training_dir, "*.txt")) for n in names(f)}
print(f"{'real names (not trained on)':34} {'names':>6} {'flagged':>8} {'rate':>7}  flagged names")
total = flagged = 0
for path in sorted(glob.glob(os.path.join(heldout_dir, "*.txt"))) + extra:
    unseen = sorted({n for n in names(path) if n and "\t" not in n} - training)
    hits = [(n, s) for n, s, r in scores(unseen) if r]
    total += len(unseen)
    flagged += len(hits)
    rate = 100 * len(hits) / len(unseen) if unseen else 0
    print(f"{os.path.basename(path):34} {len(unseen):6} {len(hits):8} {rate:6.2f}%  "
          + ", ".join(f"{n} ({s:.2f})" for n, s in hits))
print(f"{'all':34} {total:6} {flagged:8} {100 * flagged / total:6.2f}%")

rng = random.Random(0x0DD5EED)  # not the training tool's seed
alnum = string.ascii_letters + string.digits
shapes = [("mixed-case letters+digits, 6-16 (XOR.DDoS)", alnum, 6, 16),
          ("lowercase letters, 6-15", string.ascii_lowercase, 6, 15),
          ("lowercase letters+digits, 6-15", string.ascii_lowercase + string.digits, 6, 15),
          ("hex, 8-15", "0123456789abcdef", 8, 15)]
print(f"\n{'random names':44} {'names':>6} {'detected':>9} {'rate':>7}")
for label, chars, lo, hi in shapes:
    made = ["".join(rng.choice(chars) for _ in range(rng.randint(lo, hi)))[:15] for _ in range(5000)]
    hit = sum(r for _, _, r in scores(made))
    print(f"{label:44} {len(made):6} {hit:9} {100 * hit / len(made):6.2f}%")
PY
