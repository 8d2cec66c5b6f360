// Reads the numbers into 32-bit ints: wrong as soon as a value leaves their range.
#include <cstdio>

int main() {
  int t = 0;
  if (std::scanf("%d", &t) != 1) return 1;
  for (int i = 0; i < t; ++i) {
    long long a = 0, b = 0;
    if (std::scanf("%lld %lld", &a, &b) != 2) return 1;
    const int x = static_cast<int>(a), y = static_cast<int>(b);
    std::printf("%d\n", x + y);
  }
}
