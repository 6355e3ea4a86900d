#!/usr/bin/env bash
# One line: the slowest test classes of the last run (Surefire and Failsafe reports of the project and the examples),
# with their wall time, and the summed time of all classes. test-all.sh prints it at its end.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import glob, xml.etree.ElementTree as ET
times = {}
for report in glob.glob("target/*-reports/TEST-*.xml") + glob.glob("examples/*/target/*-reports/TEST-*.xml") \
        + glob.glob("spring-boot-starter/target/*-reports/TEST-*.xml"):
    try:
        suite = ET.parse(report).getroot()
        times[suite.get("name").rsplit(".", 1)[-1]] = float(suite.get("time") or 0)
    except ET.ParseError:
        pass
if times:
    slowest = sorted(times.items(), key=lambda t: -t[1])[:8]
    print("slowest test classes: " + " · ".join(f"{name} {secs:.0f}s" for name, secs in slowest)
          + f" | {len(times)} classes, {sum(times.values()) / 60:.1f} min summed")
PY
