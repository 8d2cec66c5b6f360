/* Guess the Number, wrong: searches [1, n-1] by mistake, so when x == n it answers n - 1. */
#include <stdio.h>
#include <string.h>

int main(void) {
  long long n;
  if (scanf("%lld", &n) != 1) return 0;
  long long lo = 1, hi = n - 1;
  while (lo < hi) {
    long long mid = lo + (hi - lo) / 2;
    printf("? %lld\n", mid);
    fflush(stdout);
    char reply[8];
    if (scanf("%7s", reply) != 1) return 0;
    if (strcmp(reply, "=") == 0) {
      lo = mid;
      break;
    }
    if (strcmp(reply, "<") == 0) hi = mid - 1; else lo = mid + 1;
  }
  printf("! %lld\n", lo);
  fflush(stdout);
  return 0;
}
