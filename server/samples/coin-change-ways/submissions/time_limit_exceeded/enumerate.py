# Enumerates every combination one by one (the count itself is astronomically large).
import sys

sys.setrecursionlimit(10000)
data = list(map(int, sys.stdin.read().split()))
n, target = data[0], data[1]
coins = sorted(data[2:2 + n])


def count(index, remaining):
    if remaining == 0:
        return 1
    if index == len(coins):
        return 0
    total = 0
    used = 0
    while used <= remaining:
        total += count(index + 1, remaining - used)
        used += coins[index]
    return total


print(count(0, target) % 1_000_000_007)
