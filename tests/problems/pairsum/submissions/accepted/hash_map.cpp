// Pair Sum: one pass with a hash map from value to its first index. O(n).
#include <cstdio>
#include <unordered_map>

int main() {
  int n = 0;
  long long t = 0;
  if (std::scanf("%d %lld", &n, &t) != 2) return 0;
  std::unordered_map<long long, int> firstIndex;
  firstIndex.reserve(static_cast<std::size_t>(n) * 2);
  for (int j = 1; j <= n; ++j) {
    long long x = 0;
    std::scanf("%lld", &x);
    auto it = firstIndex.find(t - x);
    if (it != firstIndex.end()) {
      std::printf("%d %d\n", it->second, j);
      return 0;
    }
    firstIndex.emplace(x, j);
  }
  std::printf("impossible\n");
}
