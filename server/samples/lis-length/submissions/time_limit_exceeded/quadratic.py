# The textbook O(n^2) dynamic programme.
import sys

data = list(map(int, sys.stdin.buffer.read().split()))
n, a = data[0], data[1:]
best = [1] * n
for i in range(n):
    ai = a[i]
    for j in range(i):
        if a[j] < ai and best[j] + 1 > best[i]:
            best[i] = best[j] + 1
print(max(best))
