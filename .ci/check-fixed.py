#!/usr/bin/env python3
"""After `dotnet format analyzers`, the rebuilt copy must report none of the fixable ids.
Usage: check-fixed.py <build-log> <fixable ids...>"""
import re
import sys

log_path, fixable = sys.argv[1], set(sys.argv[2:])
left = set()
errors = 0
with open(log_path, encoding="utf-8", errors="replace") as f:
    for line in f:
        m = re.search(r": (warning|error) ([A-Z]+\d+):", line)
        if not m:
            continue
        if m.group(1) == "error":
            errors += 1
            print("BUILD ERROR after fixes:", line.strip())
        if m.group(2) in fixable:
            left.add(line.strip())
for line in sorted(left):
    print("NOT FIXED:", line)
print(f"format check: {len(left)} fixable diagnostics left, {errors} build errors")
sys.exit(1 if left or errors else 0)
