// Loops in the wrong nesting: counts ordered sequences (1+2 and 2+1 twice).
#include <cstdio>
#include <vector>

int main() {
  constexpr long long kMod = 1'000'000'007;
  int n = 0, target = 0;
  if (std::scanf("%d %d", &n, &target) != 2) return 1;
  std::vector<int> coins(n);
  for (int& coin : coins) {
    if (std::scanf("%d", &coin) != 1) return 1;
  }
  std::vector<long long> ways(target + 1, 0);
  ways[0] = 1;
  for (int amount = 1; amount <= target; ++amount) {
    for (int coin : coins) {
      if (coin <= amount) ways[amount] = (ways[amount] + ways[amount - coin]) % kMod;
    }
  }
  std::printf("%lld\n", ways[target]);
}
