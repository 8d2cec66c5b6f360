# Adds as floats: 53 bits of mantissa lose the low digits of large sums.
import sys

tokens = sys.stdin.read().split()
t = int(tokens[0])
for i in range(t):
    print(int(float(tokens[1 + 2 * i]) + float(tokens[2 + 2 * i])))
