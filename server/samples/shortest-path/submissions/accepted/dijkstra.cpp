#include <cstdio>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

int main() {
  int n = 0, m = 0;
  if (std::scanf("%d %d", &n, &m) != 2) return 1;
  std::vector<std::vector<std::pair<int, long long>>> adjacency(n + 1);
  for (int i = 0; i < m; ++i) {
    int u = 0, v = 0;
    long long w = 0;
    if (std::scanf("%d %d %lld", &u, &v, &w) != 3) return 1;
    adjacency[u].push_back({v, w});
    adjacency[v].push_back({u, w});
  }
  std::vector<long long> distance(n + 1, -1);
  using Item = std::pair<long long, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  heap.push({0, 1});
  while (!heap.empty()) {
    const auto [d, u] = heap.top();
    heap.pop();
    if (distance[u] != -1) continue;
    distance[u] = d;
    for (const auto& [v, w] : adjacency[u]) {
      if (distance[v] == -1) heap.push({d + w, v});
    }
  }
  for (int k = 1; k <= n; ++k) std::printf("%lld%c", distance[k], k == n ? '\n' : ' ');
}
