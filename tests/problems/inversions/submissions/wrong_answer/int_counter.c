/* Inversions, wrong: a correct merge sort whose counter is a 32-bit int, which overflows once
 * there are more than 2^31 - 1 inversions (group 2). */
#include <stdio.h>
#include <stdlib.h>

static long long* a;
static long long* buffer;

static int sortCount(int lo, int hi) {
  if (hi - lo < 2) return 0;
  int mid = lo + (hi - lo) / 2;
  int count = sortCount(lo, mid);
  count = (int)((unsigned)count + (unsigned)sortCount(mid, hi));
  int i = lo, j = mid, k = lo;
  while (i < mid && j < hi) {
    if (a[i] <= a[j]) {
      buffer[k++] = a[i++];
    } else {
      count = (int)((unsigned)count + (unsigned)(mid - i));
      buffer[k++] = a[j++];
    }
  }
  while (i < mid) buffer[k++] = a[i++];
  while (j < hi) buffer[k++] = a[j++];
  for (k = lo; k < hi; ++k) a[k] = buffer[k];
  return count;
}

int main(void) {
  int n;
  if (scanf("%d", &n) != 1) return 0;
  a = malloc(sizeof(long long) * (size_t)n);
  buffer = malloc(sizeof(long long) * (size_t)n);
  for (int i = 0; i < n; ++i) scanf("%lld", &a[i]);
  printf("%d\n", sortCount(0, n));
  return 0;
}
