# Pair Sum: one pass with a dict from value to its first index.
import sys

def main():
    data = sys.stdin.buffer.read().split()
    n, t = int(data[0]), int(data[1])
    first = {}
    for j in range(n):
        x = int(data[2 + j])
        i = first.get(t - x)
        if i is not None:
            print(i + 1, j + 1)
            return
        first.setdefault(x, j)
    print("impossible")

main()
