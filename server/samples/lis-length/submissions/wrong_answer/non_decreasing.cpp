// upper_bound instead of lower_bound: counts non-decreasing subsequences (equal values too).
#include <algorithm>
#include <cstdio>
#include <vector>

int main() {
  int n = 0;
  if (std::scanf("%d", &n) != 1) return 1;
  std::vector<long long> tails;
  for (int i = 0; i < n; ++i) {
    long long value = 0;
    if (std::scanf("%lld", &value) != 1) return 1;
    auto it = std::upper_bound(tails.begin(), tails.end(), value);
    if (it == tails.end()) {
      tails.push_back(value);
    } else {
      *it = value;
    }
  }
  std::printf("%zu\n", tails.size());
}
