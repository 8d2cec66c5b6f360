import sys

tokens = sys.stdin.buffer.read().split()
t = int(tokens[0])
print("\n".join(str(int(tokens[1 + 2 * i]) + int(tokens[2 + 2 * i])) for i in range(t)))
