#!/usr/bin/env python3
# Input validator for Inversions: exit 42 when stdin is a valid input.
import sys

try:
    lines = sys.stdin.read().split("\n")
    ok = len(lines) == 3 and lines[2] == ""
    n = int(lines[0])
    values = [int(x) for x in lines[1].split(" ")]
    ok = ok and 1 <= n <= 100000 and len(values) == n
    ok = ok and all(0 <= v <= 10**9 for v in values)
except (ValueError, IndexError):
    ok = False
sys.exit(42 if ok else 43)
