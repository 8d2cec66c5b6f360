#!/usr/bin/env python3
"""Writes pairsum's test data (deterministic). Run from the problem directory."""
import random

def solve(t, a):
    seen = {}
    for j, x in enumerate(a):
        if t - x in seen:
            return f"{seen[t - x] + 1} {j + 1}"
        seen.setdefault(x, j)
    return "impossible"

def write(path, t, a):
    with open(path + ".in", "w") as f:
        f.write(f"{len(a)} {t}\n{' '.join(map(str, a))}\n")
    with open(path + ".ans", "w") as f:
        f.write(solve(t, a) + "\n")

rng = random.Random(20261125)
write("data/sample/1", 9, [2, 7, 11, 15])
write("data/sample/2", 10, [5, 1, 2])
write("data/secret/01-small/01-single", 8, [4])
write("data/secret/01-small/02-half-twice", 10, [5, 1, 2, 8])
write("data/secret/01-small/03-negative", -3, [-1, 4, -2, 7, 0])
write("data/secret/01-small/04-random", 77, [rng.randint(-50, 50) for _ in range(40)])
# Large: the only pair sits at the very end, so a quadratic search scans everything.
n = 50000
a = [rng.randrange(0, 10**9, 2) for _ in range(n - 2)] + [1, 999999998]
write("data/secret/02-large/01-last-pair", 999999999, a)
write("data/secret/02-large/02-impossible", 999999999, [rng.randrange(0, 10**9, 2) for _ in range(n)])
