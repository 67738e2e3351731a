#!/usr/bin/env python3
"""Picks the inputs for tests/fuzz-corpus/found from a libFuzzer merge control file.

usage: select-corpus.py CONTROL_FILE MAX_FILES MAX_BYTES

The control file (written by `-merge=1 -merge_control_file=F`) lists every input of the merge,
the first folder's first, and then, for each input it ran, `STARTED index size` and
`FT index feature...`. The first folder's inputs (the seeds) count as covered already. Of the
others, this takes greedily the input that adds the most features not yet covered (the smaller
one on a tie) until MAX_FILES are taken, MAX_BYTES would be passed, or nothing adds anything,
and prints their paths, one a line. Greedy set cover keeps far more of the fuzzer's coverage in
a few hundred files than taking the smallest inputs does.
"""
import heapq
import sys


def read_control(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as control:
        count = int(control.readline())
        first = int(control.readline())
        files = [control.readline().rstrip("\n") for _ in range(count)]
        sizes, features = {}, {}
        for line in control:
            words = line.split()
            if words and words[0] == "STARTED":
                sizes[int(words[1])] = int(words[2])
            elif words and words[0] == "FT":
                features[int(words[1])] = set(map(int, words[2:]))
    return files, first, sizes, features


def main():
    path, max_files, max_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    files, first, sizes, features = read_control(path)
    covered = set()
    for index in range(first):
        covered |= features.get(index, set())
    seeded = len(covered)
    reachable = len(set().union(*features.values()) - covered) if features else 0

    # A lazy greedy: a heap of (-gain, size, index) whose gains may be stale; an entry is taken
    # only once its gain, recomputed, still tops the heap.
    heap = [(-len(features[i] - covered), sizes.get(i, 0), i) for i in features if i >= first]
    heapq.heapify(heap)
    taken, used = [], 0
    while heap and len(taken) < max_files:
        _, size, index = heapq.heappop(heap)
        gain = len(features[index] - covered)
        if gain == 0:
            break
        if heap and -heap[0][0] > gain:
            heapq.heappush(heap, (-gain, size, index))
            continue
        if used + size > max_bytes:
            continue
        taken.append(index)
        used += size
        covered |= features[index]
    for index in taken:
        print(files[index])
    print(f"select-corpus.py: {len(taken)} inputs, {used} bytes, with {len(covered) - seeded} of the "
          f"{reachable} features the seeds lack", file=sys.stderr)


if __name__ == "__main__":
    main()
