import sys

values = list(map(int, sys.stdin.buffer.read().split()))
n = values[0]
best = ending_here = values[1]
for value in values[2:1 + n]:
    ending_here = value if ending_here < 0 else ending_here + value
    if ending_here > best:
        best = ending_here
print(best)
