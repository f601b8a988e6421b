#!/usr/bin/env bash
# The first quick-start command: install what is missing, build kanten (release), and run the
# main job on the bundled sample (the generated Lolland-Falster-sized caseload).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
# The alert thresholds are the job centre's choice (the texts give no numbers, docs/decisions.md,
# "Alert thresholds"); the demo shows them with 60 days without contact and 4 months without more
# agreed ordinary hours.
build/release/kanten demo --inactive-days 60 --stagnation-months 4 --out build/release/kanten-report.json
