import sys

MOD = 1_000_000_007
data = list(map(int, sys.stdin.read().split()))
n, target = data[0], data[1]
ways = [0] * (target + 1)
ways[0] = 1
for coin in data[2:2 + n]:
    for amount in range(coin, target + 1):
        ways[amount] += ways[amount - coin]
        if ways[amount] >= MOD:
            ways[amount] -= MOD
print(ways[target])
