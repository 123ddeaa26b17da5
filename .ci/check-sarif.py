#!/usr/bin/env python3
"""Validates the SARIF 2.1 log of a sample build: every rule id present with its help URI, results with
locations, and no secret value from the sample in any message.
Usage: check-sarif.py <log.sarif> <sample-dir> <ids...>"""
import json
import os
import re
import sys

path, sample_dir, ids = sys.argv[1], sys.argv[2], set(sys.argv[3:])
with open(path, encoding="utf-8-sig") as f:
    log = json.load(f)
errors = []
if log.get("version") != "2.1.0":
    errors.append(f"version is {log.get('version')!r}, expected 2.1.0")
run = log["runs"][0]
rules = {r["id"]: r for r in run["tool"]["driver"].get("rules", []) if r["id"].startswith("JWT")}
results = [r for r in run.get("results", []) if r.get("ruleId", "").startswith("JWT")]
seen = {r["ruleId"] for r in results}
for rule_id in sorted(ids):
    if rule_id not in rules:
        errors.append(f"{rule_id}: no rule descriptor in the log")
    elif not rules[rule_id].get("helpUri", "").endswith(f"docs/rules/{rule_id}.md"):
        errors.append(f"{rule_id}: helpUri is {rules[rule_id].get('helpUri')!r}")
    if rule_id not in seen:
        errors.append(f"{rule_id}: no result in the log")
for result in results:
    locations = result.get("locations") or []
    region = locations[0].get("physicalLocation", {}).get("region", {}) if locations else {}
    if not locations or "startLine" not in region:
        errors.append(f"{result['ruleId']}: result without a source location")
# The sample's secrets: string literals on lines marked as key/secret violations. None may appear in the log.
secrets = set()
for root, _, files in os.walk(sample_dir):
    if os.sep + "obj" in root or os.sep + "bin" in root:
        continue
    for name in files:
        if name.endswith((".cs", ".razor", ".json")):
            with open(os.path.join(root, name), encoding="utf-8") as f:
                for line in f:
                    if re.search(r"expect:.*JWT01[0-3]", line):
                        secrets.update(m for m in re.findall(r'"([^"]{8,})"', line) if " " not in m)
text = json.dumps(results)
for secret in secrets:
    if secret in text:
        errors.append(f"a secret value ({secret[:4]}...) appears in the log")
for e in errors:
    print("SARIF:", e)
print(f"sarif check: {len(results)} JWT results, {len(rules)} JWT rules, {len(errors)} problems")
sys.exit(1 if errors else 0)
