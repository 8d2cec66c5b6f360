// The interactive fixture tests/problems/guessnumber (2025-09 `type: interactive`): the
// interactor is output_validator/, samples carry .interaction logs, no explicit time limit.

#include <map>

#include <gtest/gtest.h>

#include "arena/judge/problem_package.hpp"
#include "package_test_support.hpp"

namespace arena::judge {
namespace {

using model::Verdict;

TEST(InteractivePackageTest, ReadsTheInteractiveFixture) {
  auto read = readProblemPackage(testing::problemsDir() / "guessnumber");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const ProblemPackage& package = *read;
  std::string warnings;
  for (const std::string& w : package.warnings) warnings += w + "\n";
  EXPECT_TRUE(package.warnings.empty()) << warnings;
  EXPECT_EQ(package.type, (ProblemType{false, true}));
  EXPECT_EQ(package.name, "Guess the Number");

  // No time_limit: the caller derives it from the accepted submissions.
  EXPECT_FALSE(package.limits.timeLimitMs.has_value());
  EXPECT_EQ(inferTimeLimitMs(package.limits, 180).value(), 1000);
  EXPECT_EQ(inferTimeLimitMs(package.limits, 600).value(), 2000);

  ASSERT_TRUE(package.outputValidator.has_value());
  EXPECT_EQ(package.outputValidator->name, "output_validator");
  EXPECT_TRUE(package.outputValidator->isDirectory);
  EXPECT_EQ(package.outputValidator->language, "cpp");

  const TestGroup* sample = package.data.findGroup("sample");
  ASSERT_NE(sample, nullptr);
  ASSERT_EQ(sample->cases.size(), 1u);
  ASSERT_TRUE(sample->cases[0].interaction.has_value());
  EXPECT_EQ(sample->cases[0].interaction->filename(), "1.interaction");
  EXPECT_EQ(package.sampleInteractions.size(), 1u);
  EXPECT_EQ(package.data.findGroup("secret")->cases.size(), 6u);
}

TEST(InteractivePackageTest, SubmissionsCoverEveryOutcome) {
  auto read = readProblemPackage(testing::problemsDir() / "guessnumber");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  std::map<std::string, std::set<Verdict>> expected;
  std::map<std::string, std::string> languages;
  for (const PackageSubmission& s : read->submissions) {
    expected[s.program.name] = s.expected;
    languages[s.program.name] = s.program.language;
  }
  EXPECT_EQ(expected.size(), 5u);
  EXPECT_EQ(expected["submissions/accepted/binary_search.cpp"],
            (std::set<Verdict>{Verdict::Accepted}));
  EXPECT_EQ(expected["submissions/accepted/binary_search.py"],
            (std::set<Verdict>{Verdict::Accepted}));
  EXPECT_EQ(expected["submissions/wrong_answer/never_asks_n.c"],
            (std::set<Verdict>{Verdict::WrongAnswer}));
  EXPECT_EQ(expected["submissions/time_limit_exceeded/linear_scan.py"],
            (std::set<Verdict>{Verdict::TimeLimitExceeded}));
  EXPECT_TRUE(expected["submissions/run_time_error/parse_int"].contains(Verdict::RuntimeError));
  EXPECT_EQ(languages["submissions/run_time_error/parse_int"], "java");
  EXPECT_EQ(languages["submissions/wrong_answer/never_asks_n.c"], "c");
}

}  // namespace
}  // namespace arena::judge
