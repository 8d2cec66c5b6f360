#include "arena/judge/token_checker.hpp"

namespace arena::judge {

namespace {

constexpr bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Returns the next token at or after pos and moves pos past it; empty at the end.
std::string_view nextToken(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && isSpace(text[pos])) ++pos;
  const std::size_t start = pos;
  while (pos < text.size() && !isSpace(text[pos])) ++pos;
  return text.substr(start, pos - start);
}

}  // namespace

bool tokensMatch(std::string_view expected, std::string_view actual) {
  std::size_t e = 0;
  std::size_t a = 0;
  while (true) {
    const std::string_view left = nextToken(expected, e);
    const std::string_view right = nextToken(actual, a);
    if (left != right) return false;
    if (left.empty()) return true;  // both exhausted
  }
}

}  // namespace arena::judge
