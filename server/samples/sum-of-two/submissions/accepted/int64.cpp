#include <cstdio>

int main() {
  int t = 0;
  if (std::scanf("%d", &t) != 1) return 1;
  for (int i = 0; i < t; ++i) {
    long long a = 0, b = 0;
    if (std::scanf("%lld %lld", &a, &b) != 2) return 1;
    std::printf("%lld\n", a + b);
  }
}
