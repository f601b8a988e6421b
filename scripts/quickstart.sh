#!/usr/bin/env bash
# The first quick-start command: install what is missing, build kanten (release), and run the
# main job on the bundled sample (the generated Lolland-Falster-sized caseload).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release
cmake --build --preset release
build/release/kanten demo --out build/release/kanten-report.json
