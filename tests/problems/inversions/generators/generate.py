#!/usr/bin/env python3
"""Writes the inversions test data (deterministic). Run from the problem directory."""
import random

def count(a):
    # merge sort count, iterative enough for 1e5
    def sort(xs):
        if len(xs) <= 1:
            return xs, 0
        mid = len(xs) // 2
        left, x = sort(xs[:mid])
        right, y = sort(xs[mid:])
        merged, inv, i, j = [], x + y, 0, 0
        while i < len(left) and j < len(right):
            if left[i] <= right[j]:
                merged.append(left[i]); i += 1
            else:
                merged.append(right[j]); j += 1; inv += len(left) - i
        merged += left[i:]; merged += right[j:]
        return merged, inv
    return sort(a)[1]

def write(path, a):
    with open(path + ".in", "w") as f:
        f.write(f"{len(a)}\n{' '.join(map(str, a))}\n")
    with open(path + ".ans", "w") as f:
        f.write(f"{count(a)}\n")

rng = random.Random(7)
write("data/sample/1", [3, 1, 2])
write("data/sample/2", [1, 2, 3, 4])
write("data/secret/group1/01-one", [42])
write("data/secret/group1/02-equal", [5, 5, 5, 5])
write("data/secret/group1/03-random", [rng.randint(0, 10**9) for _ in range(1000)])
write("data/secret/group1/04-reversed", list(range(1000, 0, -1)))
# group2: more than 2^31 inversions, so 32-bit counters overflow
write("data/secret/group2/01-reversed", list(range(100000, 0, -1)))
write("data/secret/group2/random/01-random", [rng.randint(0, 10**9) for _ in range(100000)])
write("data/secret/group2/random/02-small-values", [rng.randint(0, 10) for _ in range(100000)])
