// Queries sorted by right end; a Fenwick tree holds a 1 at the last occurrence of each value
// seen so far, so the answer for (l, r) is the number of ones in [l, r].
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <unordered_map>
#include <vector>

int main() {
  int n = 0, q = 0;
  if (std::scanf("%d %d", &n, &q) != 2) return 1;
  std::vector<int> values(n + 1);
  for (int i = 1; i <= n; ++i) {
    if (std::scanf("%d", &values[i]) != 1) return 1;
  }
  std::vector<int> left(q), right(q);
  for (int i = 0; i < q; ++i) {
    if (std::scanf("%d %d", &left[i], &right[i]) != 2) return 1;
  }
  std::vector<int> order(q);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) { return right[a] < right[b]; });

  std::vector<int> tree(n + 1, 0);
  auto add = [&](int position, int delta) {
    for (; position <= n; position += position & -position) tree[position] += delta;
  };
  auto prefix = [&](int position) {
    int total = 0;
    for (; position > 0; position -= position & -position) total += tree[position];
    return total;
  };

  std::unordered_map<int, int> last;
  last.reserve(static_cast<std::size_t>(n) * 2);
  std::vector<int> answers(q);
  int done = 0;
  for (int index : order) {
    while (done < right[index]) {
      ++done;
      auto [it, inserted] = last.try_emplace(values[done], done);
      if (!inserted) {
        add(it->second, -1);
        it->second = done;
      }
      add(done, 1);
    }
    answers[index] = prefix(right[index]) - prefix(left[index] - 1);
  }
  for (int answer : answers) std::printf("%d\n", answer);
}
