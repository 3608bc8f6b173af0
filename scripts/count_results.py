"""Adds up the test counts printed by cargo test, pytest and node --test (stdin -> 'P F')."""

import re
import sys

passed = failed = 0
for line in sys.stdin:
    m = re.search(r"test result: \w+\. (\d+) passed; (\d+) failed", line)
    if m:
        passed += int(m.group(1))
        failed += int(m.group(2))
        continue
    stripped = line.strip().strip("=").strip()
    if re.match(r"^\d+ (passed|failed|error|errors|skipped|xfailed|xpassed|deselected)\b", stripped) and re.search(r" in [\d.]+s", stripped):
        p = re.search(r"(\d+) passed", line)
        f = re.search(r"(\d+) failed", line)
        e = re.search(r"(\d+) error", line)
        passed += int(p.group(1)) if p else 0
        failed += (int(f.group(1)) if f else 0) + (int(e.group(1)) if e else 0)
        continue
    m = re.match(r"^# (pass|fail) (\d+)$", line.strip())
    if m:
        if m.group(1) == "pass":
            passed += int(m.group(2))
        else:
            failed += int(m.group(2))
print(passed, failed)
