#!/usr/bin/env bash
# The suite's verdict must not depend on the machine's load. This runs the README's test command,
# `dotnet test`, several times in a row (5 unless given) in a fresh clone of this repository's
# committed HEAD, while CPU-bound processes (2 unless STRESS_HOGS says otherwise) keep the cores
# busy beside it, and reports each run. Exit status 0 only if every run passed.
#
#   scripts/stress-tests.sh            # five runs beside two busy loops
#   STRESS_HOGS=4 scripts/stress-tests.sh 3
#
# The clone, its build and the logs are in a temporary directory, named at the end and kept.
set -euo pipefail

runs="${1:-5}"
hogs="${STRESS_HOGS:-2}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gradscript-stress.XXXXXX")"
hog_pids=()

stop_hogs() {
  # Only the processes this script started, by their ids.
  for pid in "${hog_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_hogs EXIT

echo "stress: fresh clone of $(git -C "$repo" rev-parse --short HEAD) into $work/clone"
git clone --quiet "$repo" "$work/clone"
cd "$work/clone"

for _ in $(seq "$hogs"); do
  # A busy loop of the shell alone: no I/O, no memory, one core's worth of work.
  bash -c 'while :; do :; done' &
  hog_pids+=("$!")
done
echo "stress: $hogs CPU-bound processes running (${hog_pids[*]}); $runs runs of 'dotnet test'"

failed=0
for run in $(seq "$runs"); do
  log="$work/run-$run.log"
  start=$(date +%s)
  if dotnet test >"$log" 2>&1; then verdict=passed; else verdict=FAILED; failed=$((failed + 1)); fi
  summary="$(grep -E '^(Passed|Failed)!' "$log" | tr '\n' ' ' || true)"
  echo "stress: run $run $verdict in $(($(date +%s) - start)) s: ${summary:-no summary (see $log)}"
  grep -E '^\s+Failed ' "$log" | sed 's/^/stress:     /' || true
done

stop_hogs
echo "stress: $((runs - failed)) of $runs runs passed; logs in $work"
[ "$failed" -eq 0 ]
