// Output validator for Pair Sum (Kattis protocol):
//   pair_checker input answer feedback_dir [require_ordered] [large] < team_output
// Exit 42: accepted, 43: wrong answer, anything else: the jury is wrong.
// Any pair with a_i + a_j = t is accepted; the answer file only tells whether one exists.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string feedbackDir;

[[noreturn]] void verdict(int code, const std::string& message) {
  std::ofstream(feedbackDir + "judgemessage.txt") << message << "\n";
  std::exit(code);
}

bool readLong(std::istream& in, long long& value) {
  std::string token;
  if (!(in >> token)) return false;
  std::size_t used = 0;
  try {
    value = std::stoll(token, &used);
  } catch (...) {
    return false;
  }
  return used == token.size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: pair_checker input answer feedback_dir [flags] < output\n";
    return 1;
  }
  feedbackDir = argv[3];
  bool requireOrdered = false;
  for (int i = 4; i < argc; ++i) {
    if (std::string(argv[i]) == "require_ordered") requireOrdered = true;
  }
  std::ifstream input(argv[1]);
  std::ifstream answer(argv[2]);
  long long n = 0, t = 0;
  input >> n >> t;
  std::vector<long long> a(static_cast<std::size_t>(n));
  for (auto& x : a) input >> x;
  std::string juryFirst;
  answer >> juryFirst;
  const bool juryImpossible = juryFirst == "impossible";

  std::string first;
  if (!(std::cin >> first)) verdict(43, "no output");
  if (first == "impossible") {
    std::string extra;
    if (std::cin >> extra) verdict(43, "extra output after 'impossible'");
    if (!juryImpossible) verdict(43, "claimed impossible, but a pair exists");
    verdict(42, "correct: impossible");
  }
  std::istringstream firstStream(first);
  long long i = 0, j = 0;
  if (!readLong(firstStream, i) || !readLong(std::cin, j)) verdict(43, "expected two indices");
  std::string extra;
  if (std::cin >> extra) verdict(43, "extra output: " + extra);
  if (i < 1 || j < 1 || i > n || j > n) verdict(43, "index out of range");
  if (i == j) verdict(43, "the two indices must differ");
  if (requireOrdered && i > j) verdict(43, "indices must be given as i < j");
  if (a[static_cast<std::size_t>(i - 1)] + a[static_cast<std::size_t>(j - 1)] != t) {
    verdict(43, "a_i + a_j != t");
  }
  if (juryImpossible) verdict(1, "team found a valid pair but the jury says impossible");
  verdict(42, "correct pair");
}
