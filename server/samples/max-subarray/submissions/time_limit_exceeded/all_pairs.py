# Tries every start: quadratic.
import sys

values = list(map(int, sys.stdin.read().split()))
n, a = values[0], values[1:]
best = a[0]
for l in range(n):
    total = 0
    for r in range(l, n):
        total += a[r]
        if total > best:
            best = total
print(best)
