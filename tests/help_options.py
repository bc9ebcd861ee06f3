#!/usr/bin/python3
"""Prints what `ctguard help` shows, command by command, one line each: PATH<TAB>OPTION for every
option (both names of -h,--help) and PATH<TAB>+SUBCOMMAND for every subcommand; PATH is "" for
ctguard itself, "limit set" for a subcommand. tests/cli/man_page.sh and bash_completion.sh compare
ctguard(8) and the completion with it: --help is the reference they must not drift from.

usage: help_options.py CTGUARD"""
import subprocess
import sys


def help_of(ctguard, path):
    out = subprocess.run([ctguard, "help", *path.split()], capture_output=True, text=True, check=True).stdout
    options, subcommands, section = [], [], None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            section = line.rstrip(":") if line.endswith(":") else None
            continue
        words = line.split()
        if not words:
            continue
        # An entry starts two blanks in; its description may continue on a line of its own further in.
        if section == "Options" and line.startswith("  -"):
            options += words[0].split(",")
        elif section == "Subcommands" and line.startswith("  ") and not line.startswith("   "):
            subcommands.append(words[0])
    return options, subcommands


def walk(ctguard, path, out):
    options, subcommands = help_of(ctguard, path)
    out += [(path, o) for o in options] + [(path, "+" + s) for s in subcommands]
    for s in subcommands:
        walk(ctguard, (path + " " + s).strip(), out)


lines = []
walk(sys.argv[1], "", lines)
for path, word in lines:
    print(f"{path}\t{word}")
