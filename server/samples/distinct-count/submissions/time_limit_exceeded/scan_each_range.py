# Scans every query's range: O(n q).
import sys

data = list(map(int, sys.stdin.buffer.read().split()))
n, q = data[0], data[1]
values = data[2:2 + n]
out = []
for i in range(q):
    l, r = data[2 + n + 2 * i], data[3 + n + 2 * i]
    seen = set()
    for j in range(l - 1, r):
        seen.add(values[j])
    out.append(len(seen))
print("\n".join(map(str, out)))
