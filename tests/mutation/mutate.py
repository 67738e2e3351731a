"""A small mutation run over the runtime's operators and the autograd: does the suite notice?

Run from the repository root (plain Python 3 and the .NET SDK; nothing to install):

    python3 tests/mutation/mutate.py --list                      # the mutants, without running them
    python3 tests/mutation/mutate.py --max 60 --seed 1           # 60 of them, sampled by file
    python3 tests/mutation/mutate.py --only 12,40                # particular mutants, by number

It copies the committed tree (git archive HEAD, plus .tools/) to a scratch folder, builds the test
project there once, and then for each mutant: changes one place of one source file (an operator
flipped, a constant or a derivative formula swapped, a return dropped), rebuilds only the library,
copies it beside the built tests, and runs the tests that cover that file (see TARGETS) with a
timeout. A mutant is killed when a test fails or the run times out, survives when every test
passes, and does not count when it does not compile. The report lists each survivor with its
place, and the score: killed / (killed + survived).

Stryker.NET (dotnet-stryker 5.1.0) does the same over every file and operator, but needs hours on
two cores; this samples the code where a wrong sign is a wrong gradient.
"""

import argparse
import fnmatch
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# The files mutated, and the tests run against each (a dotnet test --filter): the unit tests of the
# area and the golden folders that exercise it.
AUTOGRAD_TESTS = ("FullyQualifiedName~GradScript.Tests.Autograd|FullyQualifiedName~PinnedSurfaceTests"
                  "|DisplayName~tests/golden/autograd|DisplayName~tests/golden/gradcheck"
                  "|DisplayName~tests/golden/optimizers|DisplayName~tests/golden/transforms")
OPERATOR_TESTS = ("FullyQualifiedName~GradScript.Tests.Autograd.GradientTests|FullyQualifiedName~EdgeCaseTests"
                  "|DisplayName~tests/golden/operators|DisplayName~tests/golden/math|DisplayName~tests/golden/conversions"
                  "|DisplayName~tests/golden/lists|DisplayName~tests/golden/control_flow|DisplayName~tests/golden/autograd"
                  "|DisplayName~tests/golden/errors")
TARGETS = {
    "src/GradScript/Autograd/Differentiable.cs": AUTOGRAD_TESTS,
    "src/GradScript/Autograd/HigherOrder.cs": AUTOGRAD_TESTS,
    "src/GradScript/Autograd/Backpropagation.cs": AUTOGRAD_TESTS,
    "src/GradScript/Autograd/TrackedValue.cs": AUTOGRAD_TESTS,
    "src/GradScript/Runtime/Operations/Operators*.cs": OPERATOR_TESTS,
    "src/GradScript/Runtime/Operations/Comparisons.cs": OPERATOR_TESTS,
    "src/GradScript/Runtime/Nodes/Arithmetic.cs": OPERATOR_TESTS,
}

# (name, pattern, replacement): each applies at one match at a time. Spaces around binary operators
# keep unary minus, generics (List<T>) and lambdas (=>) out of reach.
MUTATIONS = [
    ("+ to -", r" \+ ", " - "), ("- to +", r" - ", " + "),
    ("* to /", r" \* ", " / "), ("/ to *", r" / ", " * "),
    ("< to <=", r" < ", " <= "), ("<= to <", r" <= ", " < "),
    ("> to >=", r" > ", " >= "), (">= to >", r" >= ", " > "),
    ("== to !=", r" == ", " != "), ("!= to ==", r" != ", " == "),
    ("&& to ||", r" && ", " || "), ("|| to &&", r" \|\| ", " && "),
    ("negation dropped", r"(?<![\w)\]])-(?=[A-Za-z(])", ""),
    ("One to Zero", r"\bT\.One\b", "T.Zero"), ("Zero to One", r"\bT\.Zero\b", "T.One"),
    ("sin to cos", r"\bSin\(", "Cos("), ("cos to sin", r"\bCos\(", "Sin("),
    ("exp to log", r"\bExp\(", "Log("), ("tanh to sinh", r"\bTanh\(", "Sinh("),
    ("true to false", r"\btrue\b", "false"), ("false to true", r"\bfalse\b", "true"),
    ("1 to 2", r"(?<![\w.])1(?![\w.])", "2"), ("0 to 1", r"(?<![\w.])0(?![\w.])", "1"),
    ("return dropped", r"^(\s*)return;", r"\1;"),
    ("return value to default", r"^(\s*)return (?!default)[^;]+;", r"\1return default!;"),
    ("++ to --", r"\+\+", "--"),
]


@dataclass
class Mutant:
    number: int
    path: str
    line: int      # 1-based
    name: str
    original: str
    mutated: str


def code_lines(text):
    """(index, line) of the lines worth mutating: not comments, attributes, usings or declarations' braces."""
    for i, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if not stripped or stripped.startswith(("//", "///", "using ", "namespace ", "[", "#")):
            continue
        if '"' in stripped and not stripped.startswith("return"):
            continue   # messages: a changed message is not a changed behaviour worth a test here
        yield i, line


def enumerate_mutants(root):
    mutants = []
    for pattern in TARGETS:
        for path in sorted(root.glob(pattern)):
            relative = path.relative_to(root).as_posix()
            lines = path.read_text(encoding="utf-8").splitlines()
            for i, line in code_lines("\n".join(lines)):
                for name, regex, replacement in MUTATIONS:
                    for match in re.finditer(regex, line, flags=re.M):
                        mutated = line[:match.start()] + match.expand(replacement) + line[match.end():]
                        if mutated != line:
                            mutants.append(Mutant(0, relative, i + 1, name, line, mutated))
    for number, mutant in enumerate(mutants, 1):
        mutant.number = number
    return mutants


def tests_for(path):
    for pattern, tests in TARGETS.items():
        if fnmatch.fnmatch(path, pattern):
            return tests
    raise KeyError(path)


def run(command, cwd, timeout=None, log=None):
    try:
        result = subprocess.run(command, cwd=cwd, timeout=timeout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except subprocess.TimeoutExpired as e:
        if log:
            log.write_text(str(e.stdout or ""))
        return None
    if log:
        log.write_text(result.stdout)
    return result.returncode


def prepare(repository, scratch):
    """A copy of the committed tree, built once."""
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=repository, check=True, stdout=subprocess.PIPE).stdout
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
    if (repository / ".tools").is_dir():
        shutil.copytree(repository / ".tools", scratch / ".tools")
    print(f"building the tests in {scratch} ...", flush=True)
    if run(["dotnet", "build", "tests/GradScript.Tests", "-v", "q", "-nologo"], scratch, log=scratch / "build.log") != 0:
        sys.exit(f"the unmutated build failed: see {scratch / 'build.log'}")


def test_mutant(scratch, mutant, timeout):
    """'killed', 'survived', 'timeout' (counted as killed) or 'invalid' (did not compile)."""
    source = scratch / mutant.path
    original = source.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    ending = lines[mutant.line - 1][len(lines[mutant.line - 1].rstrip("\r\n")):]
    lines[mutant.line - 1] = mutant.mutated + ending
    source.write_text("".join(lines), encoding="utf-8")
    try:
        logs = scratch / "mutants"
        logs.mkdir(exist_ok=True)
        built = run(["dotnet", "build", "src/GradScript", "--no-restore", "-v", "q", "-nologo",
                     "--no-dependencies", "-p:TreatWarningsAsErrors=false", "-p:GenerateDocumentationFile=false",
                     "-p:RunAnalyzers=false"],
                    scratch, timeout=600, log=logs / f"{mutant.number}.build.log")
        if built != 0:
            return "invalid"
        for name in ("GradScript.Core.dll", "GradScript.Core.pdb"):
            shutil.copy2(scratch / "src/GradScript/bin/Debug/net10.0" / name, scratch / "tests/GradScript.Tests/bin/Debug/net10.0" / name)
        # Stop at the first failing test: a killed mutant needs no more.
        tested = run(["dotnet", "test", "tests/GradScript.Tests", "--no-build", "--filter", tests_for(mutant.path),
                      "--", "xUnit.StopOnFail=true"],
                     scratch, timeout=timeout, log=logs / f"{mutant.number}.test.log")
        return "timeout" if tested is None else "survived" if tested == 0 else "killed"
    finally:
        source.write_text(original, encoding="utf-8")


def sample(mutants, count, seed):
    """count mutants, spread over the files in proportion to their mutants, reproducible by seed."""
    if count >= len(mutants):
        return mutants
    chosen = random.Random(seed).sample(mutants, count)
    return sorted(chosen, key=lambda m: m.number)


def main():
    parser = argparse.ArgumentParser(description="A mutation run over the operators and the autograd.")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--max", type=int, default=60, help="how many mutants to run (sampled); default 60")
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed; default 1")
    parser.add_argument("--only", help="comma-separated mutant numbers to run, instead of a sample")
    parser.add_argument("--timeout", type=int, default=900, help="seconds for one mutant's tests; default 900")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()

    repository = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], check=True, stdout=subprocess.PIPE, text=True).stdout.strip())
    mutants = enumerate_mutants(repository)
    if args.list:
        for m in mutants:
            print(f"{m.number:5} {m.path}:{m.line}  {m.name}:  {m.mutated.strip()}")
        print(f"{len(mutants)} mutants")
        return
    chosen = [m for m in mutants if str(m.number) in args.only.split(",")] if args.only else sample(mutants, args.max, args.seed)

    scratch = Path(tempfile.mkdtemp(prefix="gradscript-mutation-"))
    try:
        prepare(repository, scratch)
        outcomes = {}
        clock = time.monotonic()
        for i, mutant in enumerate(chosen, 1):
            outcome = test_mutant(scratch, mutant, args.timeout)
            outcomes[mutant.number] = outcome
            print(f"[{i}/{len(chosen)}] #{mutant.number} {outcome:8} {mutant.path}:{mutant.line} {mutant.name}: {mutant.mutated.strip()}", flush=True)
        killed = sum(o in ("killed", "timeout") for o in outcomes.values())
        survived = [m for m in chosen if outcomes[m.number] == "survived"]
        invalid = sum(o == "invalid" for o in outcomes.values())
        valid = killed + len(survived)
        print(f"\n{len(chosen)} mutants in {(time.monotonic() - clock) / 60:.0f} min: {killed} killed, "
              f"{len(survived)} survived, {invalid} did not compile")
        if valid:
            print(f"mutation score: {killed}/{valid} = {100 * killed / valid:.1f}%")
        for m in survived:
            print(f"  survived #{m.number} {m.path}:{m.line} {m.name}\n    - {m.original.strip()}\n    + {m.mutated.strip()}")
        sys.exit(1 if survived else 0)
    finally:
        if args.keep:
            print(f"scratch folder kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
