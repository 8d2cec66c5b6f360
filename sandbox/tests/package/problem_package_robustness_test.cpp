// Odd but syntactically valid YAML in every configuration file: the reader must answer with a
// value or an InvalidArgument naming the file, never throw and never crash.

#include <gtest/gtest.h>

#include "arena/judge/problem_package.hpp"
#include "package_test_support.hpp"

namespace arena::judge {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::writeFile;

void writeBase(const fs::path& root) {
  writeFile(root / "statement/problem.en.md", "x\n");
  writeFile(root / "data/sample/1.in", "1\n");
  writeFile(root / "data/sample/1.ans", "1\n");
  writeFile(root / "data/secret/g/1.in", "1\n");
  writeFile(root / "data/secret/g/1.ans", "1\n");
  writeFile(root / "submissions/accepted/a.py", "print(1)\n");
}

// Reads and checks the outcome is well-formed; returns the error message or "".
std::string readOutcome(const fs::path& root) {
  auto read = readProblemPackage(root);
  if (read) return "";
  EXPECT_EQ(read.error().code, ErrorCode::InvalidArgument) << read.error().message;
  EXPECT_EQ(read.error().message.rfind("odd: ", 0), 0u) << read.error().message;
  return read.error().message;
}

TEST(PackageRobustnessTest, OddShapesInProblemYaml) {
  const std::string header = "problem_format_version: 2025-09\nuuid: u\n";
  const std::vector<std::string> bodies = {
      "name: [a, b]\n",
      "name: {}\n",
      "name: {en: [x]}\n",
      "name: x\ntype: {a: b}\n",
      "name: x\ntype: []\n",
      "name: x\ntype: [scoring, scoring]\n",
      "name: x\nlimits: 5\n",
      "name: x\nlimits: [1, 2]\n",
      "name: x\nlimits: {time_limit: -1}\n",
      "name: x\nlimits: {time_limit: .nan}\n",
      "name: x\nlimits: {time_limit: 1e400}\n",
      "name: x\nlimits: {memory: 1.5}\n",
      "name: x\nlimits: {memory: 99999999999999999999}\n",
      "name: x\nlimits: {memory: 9223372036854775807}\n",
      "name: x\nlimits: {time_multipliers: 3}\n",
      "name: x\nkeywords: {a: 1}\n",
      "name: x\nlicense: [cc0]\n",
      "name: &a x\nuuid: *a\n",
      "name: x\nlimits: {time_resolution: 0}\n",
      "name: " + std::string(5000, '[') + "\n",
      "name: x\n? [complex, key]\n: value\n",
      "name: !!binary aGVsbG8=\n",
  };
  for (const std::string& body : bodies) {
    TempDir temp;
    const fs::path root = temp.path() / "odd";
    writeBase(root);
    writeFile(root / "problem.yaml", header + body);
    (void)readOutcome(root);
  }
}

TEST(PackageRobustnessTest, OddShapesInTestGroupAndSubmissionsYaml) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"data/secret/g/test_group.yaml", "args: 5\n"},
      {"data/secret/g/test_group.yaml", "output_validator_args: {a: b}\n"},
      {"data/secret/g/test_group.yaml", "full_feedback: maybe\n"},
      {"data/secret/g/test_group.yaml", "max_score: 10\n"},
      {"data/secret/g/test_group.yaml", "[1, 2]\n"},
      {"data/secret/g/1.yaml", "args: [a, [b]]\n"},
      {"data/secret/g/1.yaml", "hint: {x: y}\n"},
      {"submissions/submissions.yaml", "accepted: 5\n"},
      {"submissions/submissions.yaml", "accepted: [1]\n"},
      {"submissions/submissions.yaml", "accepted: {permitted: {a: b}}\n"},
      {"submissions/submissions.yaml", "accepted: {score: [1]}\n"},
      {"submissions/submissions.yaml", "accepted: {score: [3, 1]}\n"},
      {"submissions/submissions.yaml", "'{a,{b,c}}/*': {permitted: [AC]}\n"},
      {"submissions/submissions.yaml", "'***': {required: [WA]}\n"},
      {"submissions/submissions.yaml", "accepted: {use_for_time_limit: sometimes}\n"},
  };
  for (const auto& [file, content] : files) {
    TempDir temp;
    const fs::path root = temp.path() / "odd";
    writeBase(root);
    writeFile(root / "problem.yaml", "problem_format_version: 2025-09\nuuid: u\nname: x\n");
    writeFile(root / file, content);
    std::string message = readOutcome(root);
    SCOPED_TRACE(file + ": " + content);
    if (!message.empty()) {
      EXPECT_NE(message.find(file), std::string::npos) << message;
    }
  }
}

}  // namespace
}  // namespace arena::judge
