#!/usr/bin/env bash
# Runs every libFuzzer target of the `fuzz` preset for a bounded time, each from a copy of its seed
# corpus (fuzz/corpus/<target> is never modified), with a fixed seed and an RSS limit, and fails on
# any crash, sanitizer finding, leak, timeout or out-of-memory. An input that fails is kept in
# build/fuzz/findings/ with the target's log; turn it into a regression test in tests/.
#
# Usage: scripts/fuzz.sh [SECONDS]   (default 60 per target; FUZZ_JOBS targets at once, default 2)
# Needs the targets built: cmake --workflow --preset fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=${FUZZ_JOBS:-2}
bin=build/fuzz/fuzz
findings=build/fuzz/findings
# target:corpus
targets=(fuzz_caseload_json:caseload_json fuzz_market_json:market_json fuzz_dimacs:dimacs fuzz_capi_events:capi_events
         fuzz_workplace_json:workplace_json fuzz_stream_json:stream_json)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$findings"

run_one() {
  local target=$1 corpus=$2
  local dict=()
  [[ $corpus == *json ]] && dict=(-dict=fuzz/json.dict)
  mkdir -p "$work/$target/corpus" "$work/$target/artifacts"
  cp fuzz/corpus/"$corpus"/* "$work/$target/corpus/"
  local start=$SECONDS rc=0
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin/$target" "${dict[@]}" -max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 -timeout=30 \
      -print_final_stats=1 -artifact_prefix="$work/$target/artifacts/" "$work/$target/corpus" \
      >"$work/$target/log" 2>&1 || rc=$?
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target/log" | tail -1)
  if [ "$rc" -ne 0 ]; then
    cp "$work/$target/log" "$findings/$target.log"
    cp "$work/$target"/artifacts/* "$findings/" 2>/dev/null || true
    echo "fuzz: $target FAILED (exit $rc) after $((SECONDS - start)) s; input and log in $findings/:"
    grep -m1 -E '^==[0-9]+==ERROR|runtime error|^SUMMARY|deadly signal|out-of-memory|timeout' "$work/$target/log" || true
    tail -n 40 "$work/$target/log"
    return 1
  fi
  echo "fuzz: $target ok: ${runs:-?} runs in $((SECONDS - start)) s, corpus $(ls "$work/$target/corpus" | wc -l) inputs"
}

for t in "${targets[@]}"; do
  [ -x "$bin/${t%%:*}" ] || { echo "fuzz: $bin/${t%%:*} is missing: run 'cmake --workflow --preset fuzz' first" >&2; exit 2; }
done
status=0
pids=()
for t in "${targets[@]}"; do
  run_one "${t%%:*}" "${t#*:}" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
