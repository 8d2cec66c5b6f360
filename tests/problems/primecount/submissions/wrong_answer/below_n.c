/* Prime Count, wrong: counts the primes below n instead of at most n. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int n;
  if (scanf("%d", &n) != 1) return 0;
  char* composite = calloc((size_t)n + 1, 1);
  int count = 0;
  for (long long i = 2; i < n; ++i) {
    if (composite[i]) continue;
    ++count;
    for (long long j = i * i; j < n; j += i) composite[j] = 1;
  }
  printf("%d\n", count);
  return 0;
}
