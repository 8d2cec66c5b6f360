# Bellman-Ford: a round over every road per vertex in the worst case.
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
edges = [(int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])) for i in range(m)]
INF = float("inf")
distance = [INF] * (n + 1)
distance[1] = 0
for _ in range(n):
    changed = False
    for u, v, w in edges:
        if distance[u] + w < distance[v]:
            distance[v] = distance[u] + w
            changed = True
        if distance[v] + w < distance[u]:
            distance[u] = distance[v] + w
            changed = True
    if not changed:
        break
print(" ".join(str(d) if d != INF else "-1" for d in distance[1:]))
