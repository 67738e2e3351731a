#!/usr/bin/env bash
# The tool as linux-x64 users install it, compiled ahead of time (Native AOT, docs/cli.md): what
# the JIT-compiled test suite cannot see (code made at run time, members the trimmer removed) shows
# here. Publishes it (warnings are errors: a new trimming warning fails this), then runs the golden
# corpus, the notebook through the real Jupyter clients, and a language-server session on it.
#   tests/aot/run.sh [OUT]     OUT: where to publish; default a temporary folder
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-$(mktemp -d)}"
dotnet publish src/GradScript.Cli -c Release -r linux-x64 -v q -o "$out"
tool="$out/gradscript"
test "$("$tool" -e 'print(1 + 1)')" = 2
"$tool" test tests/golden | tail -1
tests/notebook/run.sh "$tool"
python3 tests/aot/lsp_session.py "$tool"
