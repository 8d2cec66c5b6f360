// The 2025-09 scoring fixture tests/problems/inversions: subtasks as test data groups with
// max_score and require_pass, a directory of cases inside a group, submissions.yaml scores.

#include <gtest/gtest.h>

#include "arena/judge/problem_package.hpp"
#include "package_test_support.hpp"

namespace arena::judge {
namespace {

using model::Verdict;

class Kattis2025PackageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto read = readProblemPackage(testing::problemsDir() / "inversions");
    ASSERT_TRUE(read.has_value()) << read.error().message;
    s_package = new ProblemPackage(std::move(*read));
  }
  static void TearDownTestSuite() { delete s_package; }
  static const ProblemPackage& package() { return *s_package; }
  static const PackageSubmission* submission(const std::string& name) {
    for (const PackageSubmission& s : package().submissions) {
      if (s.program.name == name) return &s;
    }
    return nullptr;
  }
  static ProblemPackage* s_package;
};

ProblemPackage* Kattis2025PackageTest::s_package = nullptr;

TEST_F(Kattis2025PackageTest, ReadsMetadata) {
  std::string warnings;
  for (const std::string& w : package().warnings) warnings += w + "\n";
  EXPECT_TRUE(package().warnings.empty()) << warnings;
  EXPECT_EQ(package().format, PackageFormat::Kattis2025);
  EXPECT_EQ(package().formatVersion, "2025-09");
  EXPECT_EQ(package().type, (ProblemType{true, false}));
  EXPECT_EQ(package().name, "Inversions");
  EXPECT_EQ(package().names.at("en"), "Inversions");
  EXPECT_EQ(package().uuid, "0c9a7e52-8d7f-4b1e-b2d4-55f3a1c6e901");
  EXPECT_EQ(package().keywords, (std::vector<std::string>{"sorting", "fenwick-tree", "subtasks"}));
  EXPECT_FALSE(package().outputValidator.has_value());
  ASSERT_EQ(package().statements.size(), 1u);
  EXPECT_EQ(package().statements[0].format, StatementFormat::Markdown);
  EXPECT_EQ(package().statements[0].path.filename(), "problem.en.md");
}

TEST_F(Kattis2025PackageTest, LimitsAndMultipliers) {
  const Limits& limits = package().limits;
  EXPECT_EQ(limits.timeLimitMs, 1000);
  EXPECT_DOUBLE_EQ(limits.multipliers.acToTimeLimit, 2.5);
  EXPECT_DOUBLE_EQ(limits.multipliers.timeLimitToTle, 1.5);
  EXPECT_EQ(limits.memoryKb, 256 * 1024);
}

TEST_F(Kattis2025PackageTest, SecretHasScoredSubtasks) {
  const TestGroup* secret = package().data.findGroup("secret");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->aggregation, ScoreAggregation::Sum);
  EXPECT_EQ(secret->maxScore, 100.0);
  EXPECT_TRUE(secret->cases.empty());
  ASSERT_EQ(secret->groups.size(), 2u);

  const TestGroup& group1 = secret->groups[0];
  EXPECT_EQ(group1.name, "secret/group1");
  EXPECT_EQ(group1.maxScore, 30.0);
  EXPECT_EQ(group1.aggregation, ScoreAggregation::PassFail);  // the default for groups
  EXPECT_EQ(group1.requirePass, (std::vector<std::string>{"sample"}));
  EXPECT_EQ(group1.cases.size(), 4u);

  const TestGroup& group2 = secret->groups[1];
  EXPECT_EQ(group2.maxScore, 70.0);
  EXPECT_EQ(group2.requirePass, (std::vector<std::string>{"secret/group1"}));
  EXPECT_TRUE(group2.groups.empty()) << "directories inside a group are not groups";
  std::vector<std::string> names;
  for (const TestCase& testCase : group2.cases) names.push_back(testCase.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"secret/group2/01-reversed", "secret/group2/random/01-random",
                                      "secret/group2/random/02-small-values"}));
  // Pass-fail groups give the whole max_score or nothing: cases carry no score.
  EXPECT_FALSE(group2.cases[0].maxScore.has_value());
}

TEST_F(Kattis2025PackageTest, SamplesHaveFullFeedbackAndNoScore) {
  const TestGroup* sample = package().data.findGroup("sample");
  ASSERT_NE(sample, nullptr);
  ASSERT_EQ(sample->cases.size(), 2u);
  EXPECT_TRUE(sample->cases[0].fullFeedback);
  EXPECT_TRUE(sample->cases[0].isSample);
  EXPECT_FALSE(sample->maxScore.has_value());
  const TestGroup* group1 = package().data.findGroup("secret/group1");
  ASSERT_NE(group1, nullptr);
  EXPECT_FALSE(group1->cases[0].fullFeedback);
}

TEST_F(Kattis2025PackageTest, SubmissionsYamlAddsScoresAndMetadata) {
  ASSERT_EQ(package().submissions.size(), 5u);
  const PackageSubmission* model = submission("submissions/accepted/merge_sort.cpp");
  const PackageSubmission* fenwick = submission("submissions/accepted/fenwick");
  const PackageSubmission* wrong = submission("submissions/wrong_answer/int_counter.c");
  const PackageSubmission* slow = submission("submissions/time_limit_exceeded/brute_force.py");
  const PackageSubmission* crash = submission("submissions/run_time_error/fixed_array");
  ASSERT_TRUE(model && fenwick && wrong && slow && crash);
  EXPECT_TRUE(model->modelSolution);
  EXPECT_EQ(model->scoreMin, 100.0);
  EXPECT_EQ(model->scoreMax, 100.0);
  EXPECT_EQ(model->expected, (std::set<Verdict>{Verdict::Accepted}));
  EXPECT_EQ(fenwick->program.language, "java");
  EXPECT_TRUE(fenwick->program.isDirectory);
  EXPECT_FALSE(fenwick->modelSolution);
  EXPECT_EQ(wrong->scoreMax, 30.0);
  EXPECT_EQ(wrong->expected, (std::set<Verdict>{Verdict::WrongAnswer}));
  EXPECT_EQ(wrong->permitted, (std::set<Verdict>{Verdict::Accepted, Verdict::WrongAnswer}));
  EXPECT_EQ(wrong->required, (std::set<Verdict>{Verdict::WrongAnswer}));
  EXPECT_EQ(slow->scoreMin, 30.0);
  EXPECT_EQ(slow->timeLimitRole, TimeLimitRole::UpperBound);
  EXPECT_EQ(crash->entrypoint, "Main");
  EXPECT_EQ(crash->scoreMax, 30.0);
}

TEST(InferTimeLimitTest, SmallestMultipleOfResolutionAboveTheAcceptedBound) {
  Limits limits;
  limits.multipliers = {2.5, 1.5, 1.0};
  EXPECT_EQ(inferTimeLimitMs(limits, 300).value(), 1000);
  EXPECT_EQ(inferTimeLimitMs(limits, 401).value(), 2000);
  EXPECT_EQ(inferTimeLimitMs(limits, 400, 1500).value(), 1000);
  limits.multipliers.timeResolutionS = 0.25;
  EXPECT_EQ(inferTimeLimitMs(limits, 401).value(), 1250);
}

TEST(InferTimeLimitTest, FailsWhenTooSlowSubmissionsLeaveNoRoom) {
  Limits limits;  // defaults: 2.0 and 1.5, resolution 1 s
  auto inferred = inferTimeLimitMs(limits, 400, 1400);
  ASSERT_FALSE(inferred.has_value());
  EXPECT_EQ(inferred.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(inferred.error().message.find("no time limit fits"), std::string::npos);
}

}  // namespace
}  // namespace arena::judge
