import heapq
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
adjacency = [[] for _ in range(n + 1)]
for i in range(m):
    u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
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
print(" ".join(map(str, distance[1:])))
