/* Pair Sum, wrong: binary search for t - a_i in the sorted values, but it may find a_i
 * itself, printing the same index twice when 2 * a_i == t. */
#include <stdio.h>
#include <stdlib.h>

typedef struct { long long value; int index; } Item;

static int byValue(const void* a, const void* b) {
  const Item* x = a;
  const Item* y = b;
  if (x->value != y->value) return x->value < y->value ? -1 : 1;
  return x->index - y->index;
}

int main(void) {
  int n;
  long long t;
  if (scanf("%d %lld", &n, &t) != 2) return 0;
  Item* items = malloc(sizeof(Item) * (size_t)n);
  long long* original = malloc(sizeof(long long) * (size_t)n);
  for (int i = 0; i < n; ++i) {
    scanf("%lld", &original[i]);
    items[i].value = original[i];
    items[i].index = i + 1;
  }
  qsort(items, (size_t)n, sizeof(Item), byValue);
  for (int i = 0; i < n; ++i) {
    long long want = t - original[i];
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
      int mid = lo + (hi - lo) / 2;
      if (items[mid].value == want) {
        int a = i + 1, b = items[mid].index;
        printf("%d %d\n", a < b ? a : b, a < b ? b : a);
        return 0;
      }
      if (items[mid].value < want) lo = mid + 1; else hi = mid - 1;
    }
  }
  printf("impossible\n");
  return 0;
}
