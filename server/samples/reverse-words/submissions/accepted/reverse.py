import sys

tokens = sys.stdin.read().split()
n = int(tokens[0])
print(" ".join(reversed(tokens[1:1 + n])))
