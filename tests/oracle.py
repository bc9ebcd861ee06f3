#!/usr/bin/python3
"""Independent readers of the peers' output (conntrack -L, /proc/net/nf_conntrack), for kernel tests.

  oracle.py compare-list CTGUARD_JSON CONNTRACK_L_TEXT   every entry equal, field by field
  oracle.py compare-top  CTGUARD_JSON CONNTRACK_L_TEXT KEY[,KEY]   group counts equal
  oracle.py count CONNTRACK_L_TEXT [field=value ...] [src-cidr=CIDR] [dst-cidr=CIDR]
"""
import ipaddress
import json
import math
import os
import sys
from collections import Counter

PORTLESS = {"icmp", "icmpv6", "unknown", "gre"}


def parse_line(line):
    """One line of `conntrack -L -o extended` or /proc/net/nf_conntrack."""
    toks = line.split()
    e = {"family": toks[0], "proto": toks[2], "timeout": int(toks[4]), "flags": set(), "zone": 0}
    rest = toks[5:]
    e["state"] = None
    if rest and "=" not in rest[0] and not rest[0].startswith("["):
        e["state"] = rest[0]
        rest = rest[1:]
    direction = 0
    for t in rest:
        if t.startswith("["):
            e["flags"].add(t.strip("[]"))
            continue
        k, v = t.split("=", 1)
        if k == "src":
            direction += 1
        prefix = "" if direction == 1 else "r_"
        if k in ("src", "dst"):
            e[prefix + k] = str(ipaddress.ip_address(v))
        elif k in ("sport", "dport", "type", "code", "id", "packets", "bytes"):
            e[prefix + k] = int(v)
        elif k in ("mark", "zone", "use"):
            e[k] = int(v)
    if e["proto"] in PORTLESS:
        for k in ("sport", "dport", "r_sport", "r_dport"):
            e.pop(k, None)
    return e


def parse_text(path):
    with open(path) as f:
        return [parse_line(l) for l in f if l.strip() and not l.startswith("conntrack v")]


def key_of_peer(e):
    return (e["proto"], e["src"], e["dst"], e.get("sport"), e.get("dport"), e.get("id"), e["zone"])


def key_of_ours(j):
    return (j["proto"], j["src"], j["dst"], j["sport"], j["dport"], j.get("icmp_id"), j["zone"])


def compare_list(ours_path, peer_path):
    # Each file was written right after its read: their ages bound the time between the two reads.
    apart = math.ceil(abs(os.path.getmtime(ours_path) - os.path.getmtime(peer_path)))
    ours = json.load(open(ours_path))["entries"]
    peer = parse_text(peer_path)
    if len(ours) != len(peer):
        sys.exit(f"entry count differs: ctguard {len(ours)}, peer {len(peer)}")
    by_key = {key_of_peer(e): e for e in peer}
    for j in ours:
        e = by_key.get(key_of_ours(j))
        if e is None:
            sys.exit(f"ctguard entry missing from peer: {j}")
        checks = {
            "state": (j["state"], e["state"]),
            "mark": (j["mark"], e.get("mark", 0)),
            "reply src": (j["reply"]["src"], e["r_src"]),
            "reply dst": (j["reply"]["dst"], e["r_dst"]),
            "reply sport": (j["reply"]["sport"], e.get("r_sport")),
            "reply dport": (j["reply"]["dport"], e.get("r_dport")),
            "unreplied": ("UNREPLIED" in j["flags"], "UNREPLIED" in e["flags"]),
            "assured": ("ASSURED" in j["flags"], "ASSURED" in e["flags"]),
        }
        # The two reads are `apart` seconds apart (a busy machine stretches that): timeouts tick down
        # by as much, plus a second of rounding on each side.
        if abs(j["timeout"] - e["timeout"]) > apart + 2:
            sys.exit(f"timeout differs for {key_of_ours(j)}: {j['timeout']} vs {e['timeout']}")
        for name, (a, b) in checks.items():
            if a != b:
                sys.exit(f"{name} differs for {key_of_ours(j)}: ctguard {a!r}, peer {b!r}")
    print(f"{len(ours)} entries equal field by field")


def group_value(e, key):
    return {"src": e["src"], "dst": e["dst"], "sport": e.get("sport"), "dport": e.get("dport"),
            "proto": e["proto"], "state": e["state"], "zone": e["zone"], "mark": e.get("mark", 0)}[key]


def compare_top(ours_path, peer_path, keys):
    keys = keys.split(",")
    ours = json.load(open(ours_path))
    peer = Counter(tuple(group_value(e, k) for k in keys) for e in parse_text(peer_path))
    if ours["total"] != sum(peer.values()):
        sys.exit(f"total differs: ctguard {ours['total']}, peer {sum(peer.values())}")
    if ours["groups"] != len(peer):
        sys.exit(f"groups differ: ctguard {ours['groups']}, peer {len(peer)}")
    for row in ours["rows"]:
        k = tuple(row[key] for key in keys)
        if peer[k] != row["count"]:
            sys.exit(f"group {k}: ctguard {row['count']}, peer {peer[k]}")
    # The rows must be the largest groups: nothing outside them may be bigger than the smallest row.
    if ours["rows"]:
        smallest = ours["rows"][-1]["count"]
        shown = {tuple(r[key] for key in keys) for r in ours["rows"]}
        bigger = [k for k, c in peer.items() if k not in shown and c > smallest]
        if bigger:
            sys.exit(f"groups larger than the last row were left out: {bigger[:3]}")
    print(f"{len(ours['rows'])} groups equal, total {ours['total']}")


def count(peer_path, conds):
    n = 0
    for e in parse_text(peer_path):
        ok = True
        for c in conds:
            k, v = c.split("=", 1)
            if k in ("src-cidr", "dst-cidr"):
                ok &= ipaddress.ip_address(e[k[:3]]) in ipaddress.ip_network(v)
            else:
                ok &= str(group_value(e, k)) == v
        n += ok
    print(n)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "compare-list":
        compare_list(sys.argv[2], sys.argv[3])
    elif cmd == "compare-top":
        compare_top(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "count":
        count(sys.argv[2], sys.argv[3:])
    else:
        sys.exit("unknown command " + cmd)
