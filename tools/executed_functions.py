#!/usr/bin/python3
"""executed_functions.py BINARY [ARG...]: runs BINARY ARG... under valgrind's callgrind and prints the
functions of BINARY itself that ran (libraries it loaded are left out), one mangled name per line, in
the order callgrind first reports them. tools/startup_order.sh makes data/startup_functions.txt from
it and tests/cli/startup_layout.sh checks the binary's layout with it. The command's own output is
dropped and its exit code does not matter: only what it ran does."""
import os
import re
import subprocess
import sys
import tempfile

# callgrind names an object or function once, as "ob=(N) name" or where it is first called
# ("cob=", "cfn="), and then by "(N)" alone; a function re-entered by recursion gets a suffix such
# as "'2". Unnamed code (PLT stubs) is shown by address.
NAMED = re.compile(r"^c?(ob|fn)=\((\d+)\)(?: (.*))?$")
RECURSION = re.compile(r"'\d+$")
SYMBOL = re.compile(r"^[A-Za-z_][A-Za-z0-9_.$]*$")


def executed(binary, args):
    target = os.path.realpath(binary)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        run = subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}",
                              binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if not os.path.exists(out):
            sys.exit(f"executed_functions: valgrind wrote nothing: {run.stderr.strip()[-300:]}")
        names = {"ob": {}, "fn": {}}
        in_target, seen, result = False, set(), []
        with open(out, errors="replace") as f:
            for line in f:
                m = NAMED.match(line.rstrip("\n"))
                if not m:
                    continue
                kind, ident, name = m.groups()
                if name is not None:
                    names[kind][ident] = name
                if line.startswith("c"):
                    continue  # a call: the callee has its own "fn=" block if it ran
                name = names[kind].get(ident, "")
                if kind == "ob":
                    in_target = os.path.realpath(name) == target
                    continue
                name = RECURSION.sub("", name)
                if in_target and SYMBOL.match(name) and name not in seen:
                    seen.add(name)
                    result.append(name)
        return result


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: executed_functions.py BINARY [ARG...]")
    print("\n".join(executed(sys.argv[1], sys.argv[2:])))
