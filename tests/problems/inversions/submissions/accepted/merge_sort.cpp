// Inversions: merge sort, counting how many left elements each right element jumps. O(n log n).
#include <cstdio>
#include <vector>

using Values = std::vector<long long>;

long long sortCount(Values& a, Values& buffer, std::size_t lo, std::size_t hi) {
  if (hi - lo < 2) return 0;
  std::size_t mid = lo + (hi - lo) / 2;
  long long count = sortCount(a, buffer, lo, mid) + sortCount(a, buffer, mid, hi);
  std::size_t i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    if (a[i] <= a[j]) {
      buffer[k++] = a[i++];
    } else {
      count += static_cast<long long>(mid - i);
      buffer[k++] = a[j++];
    }
  }
  while (i < mid) buffer[k++] = a[i++];
  while (j < hi) buffer[k++] = a[j++];
  for (k = lo; k < hi; ++k) a[k] = buffer[k];
  return count;
}

int main() {
  std::size_t n = 0;
  if (std::scanf("%zu", &n) != 1) return 0;
  Values a(n), buffer(n);
  for (auto& x : a) std::scanf("%lld", &x);
  std::printf("%lld\n", sortCount(a, buffer, 0, n));
}
