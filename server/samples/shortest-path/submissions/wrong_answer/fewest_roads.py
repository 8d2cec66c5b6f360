# Breadth-first search: finds the route with the fewest roads, then sums its times.
import sys
from collections import deque

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
adjacency = [[] for _ in range(n + 1)]
for i in range(m):
    u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
    adjacency[u].append((v, w))
    adjacency[v].append((u, w))
distance = [-1] * (n + 1)
distance[1] = 0
queue = deque([1])
while queue:
    u = queue.popleft()
    for v, w in adjacency[u]:
        if distance[v] == -1:
            distance[v] = distance[u] + w
            queue.append(v)
print(" ".join(map(str, distance[1:])))
