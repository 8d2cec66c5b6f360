import sys

data = sys.stdin.buffer.read().split()
n, q = int(data[0]), int(data[1])
values = data[2:2 + n]
base = 2 + n
left = [int(x) for x in data[base:base + 2 * q:2]]
right = [int(x) for x in data[base + 1:base + 2 * q:2]]
order = sorted(range(q), key=right.__getitem__)
tree = [0] * (n + 1)
last = {}
answers = [0] * q
done = 0
for index in order:
    r = right[index]
    while done < r:
        done += 1
        value = values[done - 1]
        previous = last.get(value)
        if previous is not None:
            p = previous
            while p <= n:
                tree[p] -= 1
                p += p & -p
        last[value] = done
        p = done
        while p <= n:
            tree[p] += 1
            p += p & -p
    total = 0
    p = r
    while p > 0:
        total += tree[p]
        p -= p & -p
    p = left[index] - 1
    while p > 0:
        total -= tree[p]
        p -= p & -p
    answers[index] = total
sys.stdout.write("\n".join(map(str, answers)) + "\n")
