"""Fails CI when a `dotnet test` run ran fewer tests or golden cases than it should.

Run: python3 .ci/test_floor.py LOG --tests N --golden M

LOG is the output of `dotnet test --logger "console;verbosity=normal"`. A green run proves little
if the tests did not run: a test project that stopped being discovered, a theory whose data came
back empty, a corpus folder that went missing. The floors are set a little under the counts of the
day; raise them as the suite grows.
"""

import argparse
import re
import sys

# One summary per test assembly, in either of the console logger's forms:
#   "Passed!  - Failed:     0, Passed:  2345, Skipped:     3, Total:  2348, Duration: ..."   (minimal)
#   "Total tests: 2348" then "     Passed: 2345", "     Failed: 0", "    Skipped: 3"         (normal)
MINIMAL = re.compile(r"(?:Passed|Failed)!\s+-\s+Failed:\s+\d+,\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+),")
NORMAL = re.compile(r"^Total tests: \d+\n(?:\s+(?:Passed|Failed|Skipped): \d+\n)+", re.M)
GOLDEN = re.compile(r"^\s*Passed GradScript\.Tests\.GoldenCorpusTests\.Passes\(")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--tests", type=int, required=True, help="the fewest tests that must have passed")
    parser.add_argument("--golden", type=int, required=True, help="the fewest golden cases that must have passed")
    args = parser.parse_args()

    with open(args.log, encoding="utf-8", errors="replace") as log:
        lines = log.read().splitlines()
    text = "\n".join(lines) + "\n"
    summaries = [(int(m.group(1)), int(m.group(2))) for m in MINIMAL.finditer(text)]
    for block in NORMAL.finditer(text):
        counts = dict(re.findall(r"(Passed|Failed|Skipped): (\d+)", block.group(0)))
        summaries.append((int(counts.get("Passed", 0)), int(counts.get("Skipped", 0))))
    passed = sum(s[0] for s in summaries)
    skipped = sum(s[1] for s in summaries)
    golden = sum(1 for line in lines if GOLDEN.match(line))
    print(f"test floor: {passed} tests passed ({skipped} skipped) in {len(summaries)} assemblies, "
          f"{golden} golden cases; floors {args.tests} and {args.golden}")
    problems = []
    if not summaries:
        problems.append("no test summary found in the log")
    if passed < args.tests:
        problems.append(f"only {passed} tests passed, fewer than the floor of {args.tests}")
    if golden < args.golden:
        problems.append(f"only {golden} golden cases passed, fewer than the floor of {args.golden}")
    if problems:
        sys.exit("test floor: " + "; ".join(problems))


if __name__ == "__main__":
    main()
