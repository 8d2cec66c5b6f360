// Interactor for Guess the Number (2025-09 interactive output validator):
//   interactor input answer feedback_dir < submission_stdout > submission_stdin
// Exit 42: the submission named x; 43: wrong or malformed; other: judge error.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

namespace {

std::string feedbackDir;

[[noreturn]] void verdict(int code, const std::string& message) {
  std::ofstream(feedbackDir + "judgemessage.txt") << message << "\n";
  std::exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: interactor input answer feedback_dir\n";
    return 1;
  }
  feedbackDir = argv[3];
  std::ifstream input(argv[1]);
  long long n = 0, x = 0;
  if (!(input >> n >> x) || x < 1 || x > n) verdict(1, "bad input file");
  std::cout << n << std::endl;
  long long queries = 0;
  std::string command;
  while (std::cin >> command) {
    long long value = 0;
    if (!(std::cin >> value)) verdict(43, "expected a number after '" + command + "'");
    if (command == "?") {
      ++queries;
      if (value < 1 || value > n) verdict(43, "query out of range: " + std::to_string(value));
      std::cout << (x < value ? "<" : x > value ? ">" : "=") << std::endl;
    } else if (command == "!") {
      if (value != x) verdict(43, "answered " + std::to_string(value) + ", secret was " + std::to_string(x));
      std::string extra;
      if (std::cin >> extra) verdict(43, "output after the answer");
      verdict(42, "found in " + std::to_string(queries) + " queries");
    } else {
      verdict(43, "unknown command '" + command + "'");
    }
  }
  verdict(43, "no answer given");
}
