/* Prime Count by trial division over odd divisors: correct; whether it fits in the time limit
 * depends on the machine.
 * @EXPECTED_RESULTS@: CORRECT, TIMELIMIT
 */
#include <stdio.h>

int main(void) {
  long long n;
  if (scanf("%lld", &n) != 1) return 0;
  long long count = n >= 2 ? 1 : 0;
  for (long long k = 3; k <= n; k += 2) {
    int prime = 1;
    for (long long d = 3; d * d <= k; d += 2) {
      if (k % d == 0) {
        prime = 0;
        break;
      }
    }
    count += prime;
  }
  printf("%lld\n", count);
  return 0;
}
