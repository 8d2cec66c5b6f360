# Guess the Number, too slow: asks 1, 2, 3, ... which takes up to a billion round trips.
import sys

def main():
    n = int(sys.stdin.readline())
    for y in range(1, n + 1):
        print(f"? {y}", flush=True)
        if sys.stdin.readline().strip() == "=":
            print(f"! {y}", flush=True)
            return

main()
