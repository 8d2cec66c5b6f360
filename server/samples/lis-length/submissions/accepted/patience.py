import sys
from bisect import bisect_left

data = sys.stdin.buffer.read().split()
n = int(data[0])
tails = []
for token in data[1:1 + n]:
    value = int(token)
    position = bisect_left(tails, value)
    if position == len(tails):
        tails.append(value)
    else:
        tails[position] = value
print(len(tails))
