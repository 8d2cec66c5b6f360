# Reverses the whole line, letters included.
import sys

lines = sys.stdin.read().split("\n")
print(lines[1][::-1])
