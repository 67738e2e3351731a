#!/usr/bin/env bash
# Fuzzes GradScript's parse-and-run with libFuzzer and SharpFuzz (docs/fuzzing.md).
#
#   fuzz.sh [run] [SECONDS]   install what is missing, build, instrument, and fuzz (default 600 s)
#   fuzz.sh repro FILE...     run the harness on each file alone; a crash prints its stack trace
#   fuzz.sh minimize FILE     shrink a crashing input (libFuzzer's -minimize_crash) to FILE.min
#   fuzz.sh harvest           refresh tests/fuzz-corpus/found from the working corpus
#
# Everything it builds or finds lives in $FUZZ_WORK (default .fuzz/ at the repository root, which
# git ignores): bin/ the instrumented harness, corpus/ the inputs libFuzzer keeps, crashes/ what
# it finds. Needs clang-14, libclang-rt-14-dev and python3 (installed with apt-get when run as
# root) and the sharpfuzz tool (installed into .tools/ with dotnet tool install).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="${FUZZ_WORK:-$root/.fuzz}"
bin="$work/bin"
driver="$work/libfuzzer-driver"
harness="$bin/GradScript.Fuzz"
regressions="$root/tests/fuzz-corpus"

# Inputs longer than this are cut: room for every example script and golden test (under 2 KB)
# but the two nesting bombs, while mutations of a short input stay local and runs stay fast.
# The nesting and size bombs of issue 6 item 1 are tested directly, not here.
max_len="${FUZZ_MAX_LEN:-4096}"
# One input may take this long before libFuzzer calls it a hang. The target's own time limit is
# 200 ms, so an input near this has slipped past the engine's limits: a bug, like a crash.
hang_seconds="${FUZZ_TIMEOUT:-5}"
# The harvested corpus stays small enough for the repository and a replay of a few seconds.
harvest_files=250
harvest_bytes=$((512 * 1024))

clang=clang-14
sharpfuzz_version=2.3.0
sharpfuzz="$root/.tools/sharpfuzz/sharpfuzz"

# A memory bomb in a script must end in the engine's "out of memory" error, not take the machine:
# the harness gets a GC heap of 3 GB at most (the build does not).
heap_limit="${FUZZ_HEAP_LIMIT:-0xC0000000}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf 'fuzz.sh: %s\n' "$*" >&2; }

install_prerequisites() {
  local missing=()
  command -v "$clang" >/dev/null 2>&1 || missing+=(clang-14)
  command -v python3 >/dev/null 2>&1 || missing+=(python3-minimal)
  ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing+=(libclang-rt-14-dev)
  if ((${#missing[@]} > 0)); then
    if [[ $(id -u) -ne 0 ]]; then
      log "missing ${missing[*]}: run 'sudo apt-get install ${missing[*]}'"
      exit 1
    fi
    log "installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  if [[ ! -x $sharpfuzz ]]; then
    log "installing SharpFuzz.CommandLine $sharpfuzz_version into .tools/sharpfuzz"
    dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$root/.tools/sharpfuzz" >/dev/null
  fi
}

build() {
  log "building the driver"
  mkdir -p "$work"
  # -fsanitize=fuzzer links libFuzzer's main; the driver's own code needs no sanitizer.
  "$clang" -O2 -g -fsanitize=fuzzer "$here/libfuzzer-driver.c" -o "$driver"

  log "publishing the harness"
  # A fresh folder: sharpfuzz rewrites the library in place, and must never see it twice.
  rm -rf "$bin"
  dotnet publish "$here/GradScript.Fuzz.csproj" -c Release -o "$bin" --nologo -v quiet

  # Only GradScript's own code is instrumented. ANTLR's runtime would add noise rather than signal:
  # its prediction caches DFA states across parses, so the branches it takes for one input depend
  # on the inputs before it. The generated parser and lexer are in GradScript.Core and are covered.
  log "instrumenting GradScript.Core.dll"
  "$sharpfuzz" "$bin/GradScript.Core.dll"
}

# The seeds: every golden test and example script that fits in max_len, and the crash
# regressions. Copied, so that libFuzzer never writes into the source tree.
seed() {
  rm -rf "$work/seeds"
  mkdir -p "$work/seeds" "$work/corpus" "$work/crashes" "$regressions/crashes" "$regressions/found"
  local file n=0
  while IFS= read -r -d '' file; do
    if (($(stat -c %s "$file") <= max_len)); then
      cp "$file" "$work/seeds/$(sha1sum "$file" | cut -c1-40)"
      n=$((n + 1))
    fi
  done < <(find "$root/tests/golden" "$root/scripts" -name '*.grad' -print0; find "$regressions/crashes" -type f -print0)
  log "$n seed files"
}

libfuzzer() {
  DOTNET_GCHeapHardLimit="$heap_limit" "$driver" -max_len="$max_len" -timeout="$hang_seconds" -dict="$here/gradscript.dict" \
    --target_path="$harness" "$@"
}

run() {
  local seconds="${1:-600}"
  install_prerequisites
  build
  seed
  log "fuzzing for $seconds s; new inputs go to $work/corpus, crashes to $work/crashes"
  # -rss_limit_mb measures the driver, not the .NET process (the GC limit above bounds that).
  # The corpus folder comes first: libFuzzer adds what it finds to the first folder only.
  libfuzzer -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/crashes/" \
    "$work/corpus" "$work/seeds" "$regressions/found"
}

repro() {
  [[ -x $harness ]] || { install_prerequisites; build; }
  local file status=0
  for file in "$@"; do
    log "$file"
    DOTNET_GCHeapHardLimit="$heap_limit" "$harness" "$file" || status=$?
  done
  return "$status"
}

minimize() {
  local file="$1"
  [[ -x $driver && -x $harness ]] || { install_prerequisites; build; }
  libfuzzer -minimize_crash=1 -max_total_time="${FUZZ_MINIMIZE_SECONDS:-300}" \
    -exact_artifact_path="$file.min" "$file"
  log "minimised: $file.min ($(stat -c %s "$file.min") bytes)"
}

# Keeps the inputs that add the most coverage beyond the seeds, within the caps above.
harvest() {
  [[ -x $driver && -x $harness ]] || { install_prerequisites; build; }
  seed
  local merged="$work/merged" control="$work/merge.control" picked="$work/picked"
  rm -rf "$merged" "$picked" "$control"
  mkdir -p "$merged" "$picked"
  # The merge runs every input once and records its features in the control file, the seeds'
  # (the first folder) first; select-corpus.py then picks a greedy cover of what they lack.
  cp "$work/seeds/"* "$merged/"
  libfuzzer -merge=1 -merge_control_file="$control" "$merged" "$work/corpus" "$regressions/found"
  local file kept=0
  while IFS= read -r file; do
    cp "$file" "$picked/$(sha1sum "$file" | cut -c1-40)"
    kept=$((kept + 1))
  done < <(python3 "$here/select-corpus.py" "$control" "$harvest_files" "$harvest_bytes")
  rm -rf "$regressions/found"
  mv "$picked" "$regressions/found"
  log "kept $kept inputs in tests/fuzz-corpus/found"
}

command="${1:-run}"
case "$command" in
  run) shift || true; run "$@" ;;
  repro) shift; repro "$@" ;;
  minimize) shift; minimize "$1" ;;
  harvest) harvest ;;
  [0-9]*) run "$command" ;;
  *) sed -n '2,13p' "$0" >&2; exit 64 ;;
esac
