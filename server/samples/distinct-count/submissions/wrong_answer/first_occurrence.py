# Counts values whose first occurrence in the whole array lies in the range: right for
# prefixes, wrong for ranges that start later.
import sys

data = list(map(int, sys.stdin.buffer.read().split()))
n, q = data[0], data[1]
values = data[2:2 + n]
first = {}
marks = [0] * (n + 1)
for i, value in enumerate(values, start=1):
    if value not in first:
        first[value] = i
        marks[i] = 1
prefix = [0] * (n + 1)
for i in range(1, n + 1):
    prefix[i] = prefix[i - 1] + marks[i]
out = []
for i in range(q):
    l, r = data[2 + n + 2 * i], data[3 + n + 2 * i]
    out.append(prefix[r] - prefix[l - 1])
print("\n".join(map(str, out)))
