#!/usr/bin/env python3
# Input validator for Guess the Number: "n x" with 1 <= x <= n <= 1e9. Exit 42 when valid.
import sys

try:
    text = sys.stdin.read()
    n, x = (int(v) for v in text.split())
    ok = text == f"{n} {x}\n" and 1 <= x <= n <= 10**9
except ValueError:
    ok = False
sys.exit(42 if ok else 43)
