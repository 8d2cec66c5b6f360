#!/usr/bin/env python3
"""Test data for CodeArena's sample problems.

Writes data/sample/*.in|.ans and data/secret/*.in|.ans of every problem in this directory from
fixed hand-written cases plus random ones drawn from a fixed seed, so running it twice gives
the same bytes. The answers come from the reference solvers below (plain Python, written for
clarity; the packages' submissions/accepted/ hold the fast ones).

    python3 server/samples/generate.py            # every problem
    python3 server/samples/generate.py lis-length # one

Sizes are kept moderate (each file well under 200 KB) so the repository stays small and
`arena-admin verify-problem` finishes in seconds; the statements allow more.
"""

import bisect
import heapq
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261126


# ---- reference solvers: input text -> answer text ----

def solve_sum_of_two(text):
    tokens = text.split()
    t = int(tokens[0])
    sums = [int(tokens[1 + 2 * i]) + int(tokens[2 + 2 * i]) for i in range(t)]
    return "\n".join(map(str, sums)) + "\n"


def solve_reverse_words(text):
    tokens = text.split()
    n = int(tokens[0])
    words = tokens[1:1 + n]
    return " ".join(reversed(words)) + "\n"


def solve_max_subarray(text):
    tokens = list(map(int, text.split()))
    n, values = tokens[0], tokens[1:]
    assert len(values) == n
    best = values[0]
    ending_here = values[0]
    for value in values[1:]:
        ending_here = max(value, ending_here + value)
        best = max(best, ending_here)
    return f"{best}\n"


def solve_distinct_count(text):
    tokens = list(map(int, text.split()))
    n, q = tokens[0], tokens[1]
    values = tokens[2:2 + n]
    queries = [(tokens[2 + n + 2 * i], tokens[3 + n + 2 * i]) for i in range(q)]
    # Offline: sweep right ends; a Fenwick tree marks only the last occurrence of each value.
    order = sorted(range(q), key=lambda i: queries[i][1])
    tree = [0] * (n + 1)

    def add(position, delta):
        while position <= n:
            tree[position] += delta
            position += position & -position

    def prefix(position):
        total = 0
        while position > 0:
            total += tree[position]
            position -= position & -position
        return total

    last = {}
    answers = [0] * q
    done = 0
    for index in order:
        l, r = queries[index]
        while done < r:
            done += 1
            value = values[done - 1]
            if value in last:
                add(last[value], -1)
            last[value] = done
            add(done, 1)
        answers[index] = prefix(r) - prefix(l - 1)
    return "\n".join(map(str, answers)) + "\n"


def solve_shortest_path(text):
    tokens = list(map(int, text.split()))
    n, m = tokens[0], tokens[1]
    adjacency = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = tokens[2 + 3 * i:5 + 3 * i]
        adjacency[u].append((v, w))
        adjacency[v].append((u, w))
    distance = [-1] * (n + 1)
    heap = [(0, 1)]
    while heap:
        d, u = heapq.heappop(heap)
        if distance[u] != -1:
            continue
        distance[u] = d
        for v, w in adjacency[u]:
            if distance[v] == -1:
                heapq.heappush(heap, (d + w, v))
    return " ".join(map(str, distance[1:])) + "\n"


MOD = 1_000_000_007


def solve_coin_change_ways(text):
    tokens = list(map(int, text.split()))
    n, target = tokens[0], tokens[1]
    coins = tokens[2:2 + n]
    ways = [0] * (target + 1)
    ways[0] = 1
    for coin in coins:
        for amount in range(coin, target + 1):
            ways[amount] = (ways[amount] + ways[amount - coin]) % MOD
    return f"{ways[target]}\n"


def solve_lis_length(text):
    tokens = list(map(int, text.split()))
    values = tokens[1:1 + tokens[0]]
    tails = []
    for value in values:
        position = bisect.bisect_left(tails, value)
        if position == len(tails):
            tails.append(value)
        else:
            tails[position] = value
    return f"{len(tails)}\n"


# ---- input builders ----

def numbers_line(values):
    return " ".join(map(str, values)) + "\n"


def sum_of_two_cases(rng):
    big = 4 * 10**18

    def make(pairs):
        return f"{len(pairs)}\n" + "".join(f"{a} {b}\n" for a, b in pairs)

    samples = [make([(1, 2), (-5, 3)]), make([(4000000000000000000, 4000000000000000000)])]
    secret = {
        "01-zero": make([(0, 0)]),
        "02-negative": make([(-7, -8), (-1, 1), (-4 * 10**18, -4 * 10**18)]),
        "03-around-32-bit": make([(2147483647, 1), (-2147483648, -1), (4294967295, 4294967295)]),
        "04-extremes": make([(big, big), (-big, -big), (big, -big), (-big, big)]),
    }
    for index, count in enumerate([10, 100, 1000, 2500], start=5):
        pairs = [(rng.randint(-big, big), rng.randint(-big, big)) for _ in range(count)]
        secret[f"{index:02d}-random-{count}"] = make(pairs)
    secret["09-small-random"] = make([(rng.randint(-100, 100), rng.randint(-100, 100))
                                      for _ in range(500)])
    return samples, secret


def random_word(rng, length):
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(length))


def reverse_words_cases(rng):
    def make(words):
        return f"{len(words)}\n" + " ".join(words) + "\n"

    samples = [make("the quick brown fox".split()), make(["hello", "arena"])]
    secret = {
        "01-one-word": make(["solo"]),
        "02-palindrome": make("a b c b a".split()),
        "03-repeated": make(["echo"] * 7),
        "04-digits-and-letters": make(["x1", "22", "y3", "4z", "abc123"]),
    }
    for index, count in enumerate([10, 100, 2000, 10000, 20000], start=5):
        words = [random_word(rng, rng.randint(1, 8)) for _ in range(count)]
        secret[f"{index:02d}-random-{count}"] = make(words)
    secret["10-long-words"] = make([random_word(rng, 10) for _ in range(5000)])
    return samples, secret


def max_subarray_cases(rng):
    def make(values):
        return f"{len(values)}\n" + numbers_line(values)

    limit = 10**9
    samples = [make([-2, 1, -3, 4, -1, 2, 1, -5, 4]), make([-8, -3, -6])]
    secret = {
        "01-single-negative": make([-5]),
        "02-single-positive": make([7]),
        "03-all-negative": make([-9, -2, -7, -3, -11]),
        "04-all-positive-large": make([limit] * 3000),  # the sum needs 64 bits
        "05-zeros": make([0] * 50),
    }
    # The large random cases come after the small ones: a quadratic solution is stopped there.
    secret["06-random-small"] = make([rng.randint(-10, 10) for _ in range(200)])
    secret["07-random-large"] = make([rng.randint(-limit, limit) for _ in range(10000)])
    secret["08-mostly-negative"] = make([rng.randint(-limit, limit // 20) for _ in range(10000)])
    deep = [rng.randint(-limit, -1) for _ in range(10000)]
    secret["09-all-negative-large"] = make(deep)
    return samples, secret


def distinct_count_cases(rng):
    def make(values, queries):
        return (f"{len(values)} {len(queries)}\n" + numbers_line(values) +
                "".join(f"{l} {r}\n" for l, r in queries))

    def random_queries(n, count):
        queries = []
        for _ in range(count):
            l, r = sorted((rng.randint(1, n), rng.randint(1, n)))
            queries.append((l, r))
        return queries

    samples = [make([1, 2, 1, 3, 2], [(1, 5), (2, 3), (3, 3)]),
               make([7, 7, 7, 7], [(1, 4), (2, 3)])]
    secret = {
        "01-single": make([42], [(1, 1)]),
        "02-all-distinct": make(list(range(1, 11)), [(1, 10), (3, 7), (10, 10)]),
        "03-all-equal": make([5] * 20, [(1, 20), (4, 9)]),
    }
    small = [rng.randint(1, 5) for _ in range(50)]
    secret["04-random-small"] = make(small, random_queries(50, 50))
    n = 12000
    values = [rng.randint(1, 100000) for _ in range(n)]
    secret["05-random-large"] = make(values, random_queries(n, 8000))
    few = [rng.randint(1, 30) for _ in range(n)]
    secret["06-few-values"] = make(few, random_queries(n, 8000))
    # Every query spans nearly everything: the per-query scan is as slow as it can be.
    wide = [(rng.randint(1, 5), rng.randint(n - 5, n)) for _ in range(8000)]
    secret["07-wide-queries"] = make([rng.randint(1, 10**5) for _ in range(n)], wide)
    secret["08-prefixes"] = make([rng.randint(1, 1000) for _ in range(2000)],
                                 [(1, r) for r in range(1, 2001)])
    return samples, secret


def shortest_path_cases(rng):
    def make(n, edges):
        return f"{n} {len(edges)}\n" + "".join(f"{u} {v} {w}\n" for u, v, w in edges)

    samples = [make(4, [(1, 2, 5), (2, 3, 1), (1, 3, 9), (3, 4, 2)]),
               make(3, [(1, 2, 4)])]
    secret = {
        "01-single-vertex": make(1, []),
        "02-unreachable": make(5, [(1, 2, 1), (3, 4, 1), (4, 5, 1)]),
        "03-parallel-edges": make(2, [(1, 2, 10), (1, 2, 3), (2, 1, 7)]),
        "04-self-loop": make(3, [(1, 1, 5), (1, 2, 2), (2, 3, 2), (3, 3, 1)]),
        "05-fewer-edges-is-longer": make(4, [(1, 4, 100), (1, 2, 1), (2, 3, 1), (3, 4, 1)]),
    }
    n = 300
    edges = [(rng.randint(1, n), rng.randint(1, n), rng.randint(1, 1000)) for _ in range(900)]
    secret["06-random-small"] = make(n, edges)
    # A long chain of heavy edges listed from its far end: distances overflow 32 bits, and
    # Bellman-Ford needs a round per vertex.
    n = 5000
    chain = [(i, i + 1, rng.randint(10**8, 10**9)) for i in range(1, n)]
    chain.reverse()
    secret["07-long-chain"] = make(n, chain)
    n = 5000
    edges = [(i, i + 1, rng.randint(1, 10**9)) for i in range(1, n)]
    edges += [(rng.randint(1, n), rng.randint(1, n), rng.randint(1, 10**9)) for _ in range(3000)]
    rng.shuffle(edges)
    secret["08-random-large"] = make(n, edges)
    n = 4000
    edges = [(rng.randint(1, n), rng.randint(1, n), rng.randint(1, 10)) for _ in range(7000)]
    secret["09-light-edges"] = make(n, edges)
    return samples, secret


def coin_change_cases(rng):
    def make(coins, target):
        return f"{len(coins)} {target}\n" + numbers_line(coins)

    samples = [make([1, 2, 5], 5), make([2], 3), make([3, 7], 0)]
    secret = {
        "01-one-coin-exact": make([4], 12),
        "02-unreachable": make([6, 10], 7),
        "03-target-zero": make([1], 0),
        "04-order-does-not-matter": make([1, 2], 10),
        "05-big-coins": make([20000, 19999], 20000),
    }
    secret["06-small-random"] = make(rng.sample(range(1, 30), 6), 100)
    secret["07-many-small-coins"] = make(list(range(1, 51)), 12000)  # needs the modulus
    secret["08-random-large"] = make(rng.sample(range(1, 5000), 50), 12000)
    secret["09-ones-and-twos"] = make([2, 1], 12000)
    return samples, secret


def lis_cases(rng):
    def make(values):
        return f"{len(values)}\n" + numbers_line(values)

    samples = [make([3, 1, 4, 1, 5, 9, 2, 6]), make([5, 5, 5])]
    secret = {
        "01-single": make([10]),
        "02-decreasing": make(list(range(20, 0, -1))),
        "03-increasing": make(list(range(1, 21))),
        "04-equal-runs": make([1, 1, 2, 2, 3, 3, 3]),
    }
    secret["05-random-small"] = make([rng.randint(1, 20) for _ in range(100)])
    n = 16000
    secret["06-random-large"] = make([rng.randint(1, 10**6) for _ in range(n)])
    secret["07-increasing-large"] = make(sorted(rng.sample(range(1, 10**6), n)))
    secret["08-many-duplicates"] = make([rng.randint(1, 50) for _ in range(n)])
    noisy = [i * 40 + rng.randint(-100, 100) for i in range(n)]
    secret["09-noisy-increasing"] = make([max(0, v) for v in noisy])
    return samples, secret


PROBLEMS = {
    "sum-of-two": (sum_of_two_cases, solve_sum_of_two),
    "reverse-words": (reverse_words_cases, solve_reverse_words),
    "max-subarray": (max_subarray_cases, solve_max_subarray),
    "shortest-path": (shortest_path_cases, solve_shortest_path),
    "coin-change-ways": (coin_change_cases, solve_coin_change_ways),
    "distinct-count": (distinct_count_cases, solve_distinct_count),
    "lis-length": (lis_cases, solve_lis_length),
}


def write_group(directory, cases, solve):
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    for name, text in cases.items():
        (directory / f"{name}.in").write_text(text)
        (directory / f"{name}.ans").write_text(solve(text))


def generate(slug):
    build, solve = PROBLEMS[slug]
    # One generator per problem, seeded from the slug: regenerating one leaves the others alone.
    rng = random.Random(f"{SEED}-{slug}")
    samples, secret = build(rng)
    data = HERE / slug / "data"
    write_group(data / "sample", {str(i): text for i, text in enumerate(samples, start=1)}, solve)
    write_group(data / "secret", secret, solve)


def main(argv):
    slugs = argv[1:] or list(PROBLEMS)
    for slug in slugs:
        if slug not in PROBLEMS:
            sys.exit(f"unknown problem '{slug}'; known: {', '.join(PROBLEMS)}")
        generate(slug)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
