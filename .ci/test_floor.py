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

# "Passed!  - Failed:     0, Passed:  2345, Skipped:     3, Total:  2348, Duration: ..." (one per test assembly)
SUMMARY = re.compile(r"(?:Passed|Failed)!\s+-\s+Failed:\s+(\d+),\s+Passed:\s+(\d+),\s+Skipped:\s+(\d+),\s+Total:\s+(\d+)")
GOLDEN = re.compile(r"^\s*Passed GradScript\.Tests\.GoldenCorpusTests\.Passes\(")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--tests", type=int, required=True, help="the fewest tests that must have passed")
    parser.add_argument("--golden", type=int, required=True, help="the fewest golden cases that must have passed")
    args = parser.parse_args()

    with open(args.log, encoding="utf-8", errors="replace") as log:
        lines = log.read().splitlines()
    summaries = [tuple(map(int, m.groups())) for m in map(SUMMARY.search, lines) if m]
    passed = sum(s[1] for s in summaries)
    skipped = sum(s[2] for s in summaries)
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
