# Guess the Number: binary search with explicit flushes.
import sys

def main():
    n = int(sys.stdin.readline())
    lo, hi = 1, n
    while lo < hi:
        mid = (lo + hi) // 2
        print(f"? {mid}", flush=True)
        reply = sys.stdin.readline().strip()
        if reply == "=":
            lo = hi = mid
        elif reply == "<":
            hi = mid - 1
        else:
            lo = mid + 1
    print(f"! {lo}", flush=True)

main()
