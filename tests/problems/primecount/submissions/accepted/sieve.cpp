// Prime Count: sieve of Eratosthenes.
// @EXPECTED_RESULTS@: CORRECT
#include <cstdio>
#include <vector>

int main() {
  int n = 0;
  if (std::scanf("%d", &n) != 1) return 0;
  std::vector<bool> composite(static_cast<std::size_t>(n) + 1, false);
  int count = 0;
  for (long long i = 2; i <= n; ++i) {
    if (composite[static_cast<std::size_t>(i)]) continue;
    ++count;
    for (long long j = i * i; j <= n; j += i) composite[static_cast<std::size_t>(j)] = true;
  }
  std::printf("%d\n", count);
}
