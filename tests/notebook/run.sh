#!/usr/bin/env bash
# Runs examples/tutorial.ipynb with the real Jupyter clients (nbconvert, through jupyter_client)
# and the GradScript kernel, and compares every cell's outputs with the committed ones.
#   tests/notebook/run.sh [GRADSCRIPT...]   the command that runs the tool; default: the Debug build
#   UPDATE=1 tests/notebook/run.sh          writes the run's outputs into the committed notebook
# Needs Debian's jupyter-nbconvert, python3-jupyter-client and python3-nbclient (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=("$@")
if [ ${#tool[@]} -eq 0 ]; then tool=(dotnet src/GradScript.Cli/bin/Debug/net10.0/gradscript.dll); fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The kernelspec goes into a prefix of its own, found through JUPYTER_PATH: nothing of the machine's changes.
"${tool[@]}" kernel install --prefix "$work/prefix"
export JUPYTER_PATH="$work/prefix/share/jupyter"
# Debian's jupyter, whatever python3 comes first on PATH.
/usr/bin/python3 -m nbconvert --to notebook --execute examples/tutorial.ipynb \
  --ExecutePreprocessor.kernel_name=gradscript --ExecutePreprocessor.timeout=300 \
  --output-dir "$work" --output executed.ipynb
if [ "${UPDATE:-}" = 1 ]; then
  /usr/bin/python3 tests/notebook/check.py --strip "$work/executed.ipynb" examples/tutorial.ipynb
  echo "updated examples/tutorial.ipynb"
else
  /usr/bin/python3 tests/notebook/check.py examples/tutorial.ipynb "$work/executed.ipynb"
fi
