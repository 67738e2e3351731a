"""Re-runs reference.py and confirms that every golden file pastes exactly the numbers it prints.

Run: python3 tests/golden/optimizers/check_reference.py   (CI does; plain Python 3, no packages)

reference.py prints, per case, a `# name` line and the `expectedK = [...]` lines that name.grad
beside it holds. A .grad file whose pasted arrays differ from the script's output, or a case
without its file, fails with the differing lines; so does a .grad file with expected arrays that
reference.py no longer prints.
"""

import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
EXPECTED = re.compile(r"^expected\d+ = \[.*\]$")


def cases(output):
    """{case name: [its expectedK lines]} from reference.py's output."""
    result, name = {}, None
    for line in output.splitlines():
        if line.startswith("# "):
            name = line[2:].strip()
            result[name] = []
        elif EXPECTED.match(line):
            if name is None:
                raise SystemExit(f"reference.py printed {line!r} before any case name")
            result[name].append(line)
    return result


def main():
    output = subprocess.run([sys.executable, str(HERE / "reference.py")], check=True,
                            capture_output=True, text=True).stdout
    printed = cases(output)
    if not printed:
        raise SystemExit("reference.py printed no cases")
    failures = []
    for name, lines in printed.items():
        path = HERE / f"{name}.grad"
        if not path.exists():
            failures.append(f"{path.name}: missing (reference.py prints a case of that name)")
            continue
        pasted = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if EXPECTED.match(line.strip())]
        if pasted != lines:
            failures.append(f"{path.name}: pasted\n  " + "\n  ".join(pasted) + "\nbut reference.py prints\n  " + "\n  ".join(lines))
    for path in sorted(HERE.glob("*.grad")):
        has_expected = any(EXPECTED.match(line.strip()) for line in path.read_text(encoding="utf-8").splitlines())
        if has_expected and path.stem not in printed and "reference.py" in path.read_text(encoding="utf-8"):
            failures.append(f"{path.name}: cites reference.py, which prints no case '{path.stem}'")
    if failures:
        raise SystemExit("optimizer reference mismatch:\n" + "\n".join(failures))
    print(f"optimizer reference: {len(printed)} cases, {sum(map(len, printed.values()))} arrays, all as pasted")


if __name__ == "__main__":
    main()
