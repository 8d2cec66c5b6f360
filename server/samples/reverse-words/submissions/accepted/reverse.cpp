#include <iostream>
#include <string>
#include <vector>

int main() {
  std::ios::sync_with_stdio(false);
  std::size_t n = 0;
  std::cin >> n;
  std::vector<std::string> words(n);
  for (auto& word : words) std::cin >> word;
  for (std::size_t i = n; i-- > 0;) std::cout << words[i] << (i == 0 ? '\n' : ' ');
}
