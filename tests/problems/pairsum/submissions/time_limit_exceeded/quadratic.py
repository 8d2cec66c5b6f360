# Pair Sum, too slow: tries every pair. Correct, but O(n^2) on 50000 values.
import sys

def main():
    data = sys.stdin.read().split()
    n, t = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    for j in range(n):
        for i in range(j):
            if a[i] + a[j] == t:
                print(i + 1, j + 1)
                return
    print("impossible")

main()
