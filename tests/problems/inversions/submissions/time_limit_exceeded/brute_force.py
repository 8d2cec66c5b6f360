# Inversions, too slow: checks every pair. Fine for group 1 (n <= 1000), O(n^2) for group 2.
import sys

def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    a = [int(x) for x in data[1:1 + n]]
    count = 0
    for j in range(n):
        x = a[j]
        for i in range(j):
            if a[i] > x:
                count += 1
    print(count)

main()
