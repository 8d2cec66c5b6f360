// arena-checker: the default output validator as a standalone program with the Kattis calling
// convention, so problem tools and other judges can use it.
//
//   arena-checker [flags] INPUT ANSWER FEEDBACK_DIR [flags] < TEAM_OUTPUT
//
// Exit 42: accepted, 43: wrong answer (reason in FEEDBACK_DIR/judgemessage.txt), anything else:
// the checker could not judge (bad arguments, unreadable file), with the reason on stderr.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "arena/judge/default_output_validator.hpp"

namespace {

constexpr int kAccepted = 42;
constexpr int kWrongAnswer = 43;
constexpr int kJudgeError = 1;

const std::set<std::string> kFlagsWithValue = {"float_tolerance", "float_absolute_tolerance",
                                               "float_relative_tolerance"};
const std::set<std::string> kFlags = {"case_sensitive", "space_change_sensitive"};

int judgeError(const std::string& message) {
  std::cerr << "arena-checker: " << message << "\n"
            << "usage: arena-checker [flags] INPUT ANSWER FEEDBACK_DIR < TEAM_OUTPUT\n";
  return kJudgeError;
}

bool readFile(const std::string& path, std::string& contents) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::ostringstream buffer;
  buffer << file.rdbuf();
  contents = std::move(buffer).str();
  return !file.bad();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> flags;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (kFlags.contains(arg)) {
      flags.push_back(arg);
    } else if (kFlagsWithValue.contains(arg)) {
      flags.push_back(arg);
      if (i + 1 < argc) flags.emplace_back(argv[++i]);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 3) return judgeError("expected INPUT ANSWER FEEDBACK_DIR");

  const auto parsed = arena::judge::DefaultValidatorFlags::parse(flags);
  if (!parsed) return judgeError(parsed.error().message);

  std::string input;
  std::string answer;
  if (!readFile(positional[0], input)) return judgeError("cannot read input " + positional[0]);
  if (!readFile(positional[1], answer)) return judgeError("cannot read answer " + positional[1]);
  const std::filesystem::path feedbackDir = positional[2];
  if (!std::filesystem::is_directory(feedbackDir))
    return judgeError("feedback directory " + positional[2] + " does not exist");

  std::ios::sync_with_stdio(false);
  const std::string teamOutput{std::istreambuf_iterator<char>(std::cin),
                               std::istreambuf_iterator<char>()};

  const auto verdict = arena::judge::validateOutput(answer, teamOutput, *parsed);
  std::ofstream message(feedbackDir / "judgemessage.txt", std::ios::trunc);
  message << verdict.judgeMessage << (verdict.judgeMessage.empty() ? "" : "\n");
  if (!message) return judgeError("cannot write " + (feedbackDir / "judgemessage.txt").string());
  return verdict.accepted ? kAccepted : kWrongAnswer;
}
