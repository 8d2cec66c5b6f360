// Classic Kadane that resets to an empty stretch: answers 0 when every day is a loss.
#include <algorithm>
#include <cstdio>

int main() {
  int n = 0;
  if (std::scanf("%d", &n) != 1) return 1;
  long long best = 0, endingHere = 0;
  for (int i = 0; i < n; ++i) {
    long long value = 0;
    if (std::scanf("%lld", &value) != 1) return 1;
    endingHere = std::max(0LL, endingHere + value);
    best = std::max(best, endingHere);
  }
  std::printf("%lld\n", best);
}
