#!/usr/bin/env python3
"""Compares the JWT warnings of a sample build with the sample's markers.

Every source line that should be reported carries a comment `expect: JWTnnn` (several ids separated by spaces
or commas). The build log must report each marked id on its line (recall), and nothing else (precision: a
warning on a safe twin fails). Usage: check-sample.py <build-log> <sample-dir> [required ids...]
"""
import os
import re
import sys

log_path, sample_dir = sys.argv[1], os.path.abspath(sys.argv[2])
required = set(sys.argv[3:])

marker = re.compile(r"expect:\s*((?:JWT\d{3}[\s,]*)+)")
expected = set()
for root, _, files in os.walk(sample_dir):
    if os.sep + "obj" in root or os.sep + "bin" in root:
        continue
    for name in files:
        if not name.endswith((".cs", ".razor", ".json")):
            continue
        path = os.path.join(root, name)
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                m = marker.search(line)
                if m:
                    for rule in re.findall(r"JWT\d{3}", m.group(1)):
                        expected.add((os.path.relpath(path, sample_dir), number, rule))

reported = set()
warning = re.compile(r"^(.*?)\((\d+),\d+(?:,\d+,\d+)?\): (?:warning|error|info) (JWT\d{3}):")
with open(log_path, encoding="utf-8", errors="replace") as f:
    for line in f:
        m = warning.match(line.strip())
        if m:
            path = os.path.abspath(m.group(1))
            reported.add((os.path.relpath(path, sample_dir), int(m.group(2)), m.group(3)))

missing = sorted(expected - reported)
unexpected = sorted(reported - expected)
ids = {rule for _, _, rule in reported}
absent = sorted(required - ids)

for file, number, rule in missing:
    print(f"MISSING    {rule} at {file}:{number}")
for file, number, rule in unexpected:
    print(f"UNEXPECTED {rule} at {file}:{number} (a safe twin, or an unmarked line)")
for rule in absent:
    print(f"ABSENT     {rule}: never reported by the sample build")
print(f"sample check: {len(expected)} expected, {len(reported)} reported, "
      f"{len(missing)} missing, {len(unexpected)} unexpected, ids seen: {' '.join(sorted(ids))}")
sys.exit(1 if missing or unexpected or absent else 0)
