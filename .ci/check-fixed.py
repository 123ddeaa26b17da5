#!/usr/bin/env python3
"""After `dotnet format analyzers`, the rebuilt copy must report no fixable id, except on lines the sample marks
as having no mechanical fix for that id (`// expect: JWT043; nofix: JWT043`, explained in the rule's docs page).
A line left unfixed is unchanged, so it is matched to the original sample by its text.
Usage: check-fixed.py <build-log> <original-sample-dir> <fixed-sample-dir> <fixable ids...>"""
import os
import re
import sys

log_path, original_dir, fixed_dir, fixable = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4:])

nofix = {}  # (relative file, stripped line text) -> ids without a mechanical fix
for root, _, files in os.walk(original_dir):
    if os.sep + "obj" in root or os.sep + "bin" in root:
        continue
    for name in files:
        if not name.endswith((".cs", ".razor")):
            continue
        path = os.path.join(root, name)
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.search(r"nofix:\s*((?:JWT\d{3}[\s,]*)+)", line)
                if m:
                    nofix[(os.path.relpath(path, original_dir), line.strip())] = set(re.findall(r"JWT\d{3}", m.group(1)))

left, allowed, errors = set(), set(), 0
warning = re.compile(r"^(.*?)\((\d+),\d+(?:,\d+,\d+)?\): (warning|error) ([A-Z]+\d+):")
with open(log_path, encoding="utf-8", errors="replace") as f:
    for raw in f:
        m = warning.match(raw.strip())
        if not m:
            continue
        path, number, kind, rule = os.path.abspath(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        if kind == "error":
            errors += 1
            print("BUILD ERROR after fixes:", raw.strip())
            continue
        if rule not in fixable:
            continue
        relative = os.path.relpath(path, os.path.abspath(fixed_dir))
        with open(path, encoding="utf-8") as source:
            text = source.read().splitlines()[number - 1].strip()
        if rule in nofix.get((relative, text), set()):
            allowed.add((relative, number, rule))
        else:
            left.add((relative, number, rule, text))
for relative, number, rule, text in sorted(left):
    print(f"NOT FIXED: {rule} at {relative}:{number}: {text}")
print(f"format check: {len(left)} fixable diagnostics left, {len(allowed)} on lines marked nofix, {errors} build errors")
sys.exit(1 if left or errors else 0)
