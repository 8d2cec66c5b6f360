#!/usr/bin/env python3
# Input validator for Pair Sum: exit 42 when stdin is a valid input.
import sys

def main():
    lines = sys.stdin.read().split("\n")
    if len(lines) != 3 or lines[2] != "":
        sys.exit(43)
    n, t = (int(x) for x in lines[0].split(" "))
    values = [int(x) for x in lines[1].split(" ")]
    if not 1 <= n <= 200000 or abs(t) > 2 * 10**9 or len(values) != n:
        sys.exit(43)
    if any(abs(v) > 10**9 for v in values):
        sys.exit(43)
    sys.exit(42)

try:
    main()
except ValueError:
    sys.exit(43)
