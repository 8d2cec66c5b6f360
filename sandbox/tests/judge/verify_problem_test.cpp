// `arena-admin verify-problem` on the fixture packages of tests/problems, through the real
// binary: every shipped submission must get what its package expects. One fixture per test
// (each is judged once), the DOMjudge one zipped at test time.

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "package_test_support.hpp"

namespace arena::judge {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exitCode = -1;
  std::vector<std::string> lines;
};

Outcome verify(const fs::path& package, const std::string& extra = {}) {
  // Box uids of their own (2 slots each): 61000-64999 executor and compiler tests,
  // 65000-68999 judge_pipeline_test, 200000+ sandbox tests.
  const unsigned firstUid = 70000 + static_cast<unsigned>(getpid() % 1000) * 4;  // 2 slots
  const std::string command = std::string(ARENA_ADMIN_BINARY) + " verify-problem '" +
                              package.string() + "' --first-uid " + std::to_string(firstUid) + " " +
                              extra + " 2>&1";
  Outcome outcome;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::string text;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) text += buffer;
  const int status = ::pclose(pipe);
  outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) outcome.lines.push_back(line);
  return outcome;
}

std::string joined(const Outcome& outcome) {
  std::string text;
  for (const std::string& line : outcome.lines) text += line + "\n";
  return text;
}

TEST(VerifyProblemTest, LegacyPackageWithCustomValidator) {
  const Outcome outcome = verify(testing::problemsDir() / "pairsum");
  EXPECT_EQ(outcome.exitCode, 0) << joined(outcome);
  ASSERT_FALSE(outcome.lines.empty());
  EXPECT_EQ(outcome.lines.back(), "5 passed, 0 failed") << joined(outcome);
  EXPECT_EQ(outcome.lines.front(), "pairsum: time limit 1000 ms") << joined(outcome);
}

TEST(VerifyProblemTest, ScoringPackageAsJson) {
  const Outcome outcome = verify(testing::problemsDir() / "inversions", "--json");
  EXPECT_EQ(outcome.exitCode, 0) << joined(outcome);
  ASSERT_EQ(outcome.lines.size(), 5u) << joined(outcome);
  for (const std::string& line : outcome.lines) {
    const auto json = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << line;
    for (const char* key :
         {"path", "language", "expected", "verdict", "time_ms", "memory_kb", "score"}) {
      EXPECT_TRUE(json.contains(key)) << key << " in " << line;
    }
    EXPECT_EQ(json.value("status", ""), "passed") << line;
    const std::string path = json.value("path", "");
    if (path.starts_with("submissions/accepted/")) {
      EXPECT_DOUBLE_EQ(json["score"].get<double>(), 100.0) << line;
    } else {
      EXPECT_DOUBLE_EQ(json["score"].get<double>(), 30.0) << line;  // subtask 1 only
    }
  }
}

TEST(VerifyProblemTest, DomjudgeZipWithExpectedResultsTags) {
  testing::TempDir temp;
  const fs::path zip = temp.path() / "primecount.zip";
  testing::zipDirectory(testing::problemsDir() / "primecount", zip);
  const Outcome outcome = verify(zip);
  EXPECT_EQ(outcome.exitCode, 0) << joined(outcome);
  ASSERT_FALSE(outcome.lines.empty());
  EXPECT_EQ(outcome.lines.back(), "6 passed, 0 failed") << joined(outcome);
}

TEST(VerifyProblemTest, InteractivePackageWithInferredTimeLimit) {
  // The program and the interactor talk through pipes; guessnumber gives no time limit, so it
  // is inferred from the accepted submissions first.
  const Outcome outcome = verify(testing::problemsDir() / "guessnumber");
  EXPECT_EQ(outcome.exitCode, 0) << joined(outcome);
  ASSERT_FALSE(outcome.lines.empty());
  EXPECT_EQ(outcome.lines.back(), "5 passed, 0 failed") << joined(outcome);
  EXPECT_NE(outcome.lines.front().find("(inferred from the accepted submissions)"),
            std::string::npos)
      << joined(outcome);
}

TEST(VerifyProblemTest, DisagreementFailsTheRun) {
  testing::TempDir temp;
  const fs::path root = temp.path() / "add";
  testing::writeFile(root / "problem.yaml", "name: Add\nlimits:\n  time_multiplier: 2\n");
  testing::writeFile(root / "problem_statement/problem.tex", "\\problemname{Add}\n");
  testing::writeFile(root / "data/secret/01.in", "1 2\n");
  testing::writeFile(root / "data/secret/01.ans", "3\n");
  testing::writeFile(root / "submissions/accepted/right.py",
                     "print(sum(map(int, input().split())))\n");
  // Filed as accepted but wrong.
  testing::writeFile(root / "submissions/accepted/wrong.py", "print(0)\n");
  testing::writeFile(root / "submissions/accepted/skip.kt", "fun main() {}\n");
  fs::permissions(temp.path(), fs::perms::others_exec, fs::perm_options::add);
  const Outcome outcome = verify(root);
  EXPECT_EQ(outcome.exitCode, 1) << joined(outcome);
  ASSERT_FALSE(outcome.lines.empty());
  EXPECT_EQ(outcome.lines.back(), "1 passed, 1 failed") << joined(outcome);
  // No time limit in the package: inferred from the accepted submissions and printed.
  EXPECT_NE(joined(outcome).find("(inferred from the accepted submissions)"), std::string::npos)
      << joined(outcome);
  EXPECT_NE(joined(outcome).find("SKIP  submissions/accepted/skip.kt"), std::string::npos)
      << joined(outcome);
}

}  // namespace
}  // namespace arena::judge
