// The legacy fixture tests/problems/pairsum: legacy-icpc layout, custom output validator,
// .timelimit, nested groups with testdata.yaml inheritance, one submission per verdict.

#include <algorithm>

#include <gtest/gtest.h>

#include "arena/judge/problem_package.hpp"
#include "package_test_support.hpp"

namespace arena::judge {
namespace {

using model::Verdict;

class LegacyPackageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto read = readProblemPackage(testing::problemsDir() / "pairsum");
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

ProblemPackage* LegacyPackageTest::s_package = nullptr;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

TEST_F(LegacyPackageTest, ReadsMetadataWithoutWarnings) {
  EXPECT_TRUE(package().warnings.empty()) << joined(package().warnings);
  EXPECT_EQ(package().shortName, "pairsum");
  EXPECT_EQ(package().name, "Pair Sum");
  EXPECT_EQ(package().format, PackageFormat::Legacy);
  EXPECT_EQ(package().formatVersion, "legacy-icpc");
  EXPECT_EQ(package().type, (ProblemType{false, false}));
  EXPECT_EQ(package().license, "cc0");
  EXPECT_EQ(package().keywords, (std::vector<std::string>{"hashing", "two-pointers"}));
}

TEST_F(LegacyPackageTest, TimeLimitComesFromTheTimelimitFileAndMultipliersFromLegacyKeys) {
  const Limits& limits = package().limits;
  EXPECT_EQ(limits.timeLimitMs, 1000);
  EXPECT_EQ(limits.multipliers, (TimeMultipliers{4.0, 2.0, 1.0}));
  EXPECT_EQ(limits.memoryKb, 256 * 1024);
  EXPECT_EQ(limits.outputKb, 8 * 1024);
  EXPECT_FALSE(limits.codeKb.has_value());
  EXPECT_EQ(inferTimeLimitMs(limits, 900).value(), 1000);  // explicit wins
}

TEST_F(LegacyPackageTest, CustomValidatorIsTheDirectoryProgram) {
  ASSERT_TRUE(package().outputValidator.has_value());
  const ProgramSource& validator = *package().outputValidator;
  EXPECT_EQ(validator.name, "output_validators/pair_checker");
  EXPECT_TRUE(validator.isDirectory);
  EXPECT_EQ(validator.language, "cpp");
  ASSERT_EQ(validator.files.size(), 1u);
  EXPECT_EQ(validator.files[0].filename(), "pair_checker.cpp");
  EXPECT_EQ(package().validatorFlags, (std::vector<std::string>{"require_ordered"}));
  ASSERT_EQ(package().inputValidators.size(), 1u);
  EXPECT_EQ(package().inputValidators[0].language, "python3");
}

TEST_F(LegacyPackageTest, StatementIsLatexInProblemStatement) {
  ASSERT_EQ(package().statements.size(), 1u);
  EXPECT_EQ(package().statements[0].language, "en");
  EXPECT_EQ(package().statements[0].format, StatementFormat::Latex);
  EXPECT_EQ(package().statements[0].path.filename(), "problem.en.tex");
}

TEST_F(LegacyPackageTest, TestDataTreeKeepsGroupsAndOrder) {
  const TestGroup& data = package().data;
  EXPECT_EQ(data.name, "data");
  ASSERT_EQ(data.groups.size(), 2u);
  EXPECT_EQ(data.groups[0].name, "sample");
  EXPECT_EQ(data.groups[1].name, "secret");
  const TestGroup* small = data.findGroup("secret/01-small");
  const TestGroup* large = data.findGroup("secret/02-large");
  ASSERT_NE(small, nullptr);
  ASSERT_NE(large, nullptr);
  EXPECT_EQ(small->cases.size(), 4u);
  EXPECT_EQ(large->cases.size(), 2u);
  EXPECT_EQ(small->aggregation, ScoreAggregation::PassFail);

  std::vector<std::string> names;
  for (const TestCase* testCase : data.allCases()) names.push_back(testCase->name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "sample/1", "sample/2", "secret/01-small/01-single",
                       "secret/01-small/02-half-twice", "secret/01-small/03-negative",
                       "secret/01-small/04-random", "secret/02-large/01-last-pair",
                       "secret/02-large/02-impossible"}));
  const TestCase& first = data.groups[0].cases[0];
  EXPECT_TRUE(first.isSample);
  EXPECT_EQ(first.input.filename(), "1.in");
  EXPECT_EQ(first.answer.filename(), "1.ans");
  EXPECT_TRUE(first.input.is_absolute());
  EXPECT_FALSE(small->cases[0].isSample);
}

TEST_F(LegacyPackageTest, TestdataYamlOfTheClosestAncestorApplies) {
  const TestGroup* small = package().data.findGroup("secret/01-small");
  const TestGroup* large = package().data.findGroup("secret/02-large");
  ASSERT_NE(small, nullptr);
  ASSERT_NE(large, nullptr);
  // data/testdata.yaml (continue) reaches 01-small; 02-large has its own file (break).
  EXPECT_TRUE(small->continueOnReject);
  EXPECT_FALSE(large->continueOnReject);
  // validator_flags first, then the group's output_validator_flags.
  EXPECT_EQ(small->cases[0].outputValidatorArgs, (std::vector<std::string>{"require_ordered"}));
  EXPECT_EQ(large->cases[0].outputValidatorArgs,
            (std::vector<std::string>{"require_ordered", "large"}));
  EXPECT_FALSE(small->cases[0].maxScore.has_value());
}

TEST_F(LegacyPackageTest, SubmissionsGetExpectationsFromTheirDirectories) {
  ASSERT_EQ(package().submissions.size(), 5u);
  const PackageSubmission* hash = submission("submissions/accepted/hash_map.cpp");
  const PackageSubmission* dict = submission("submissions/accepted/dictionary.py");
  const PackageSubmission* wrong = submission("submissions/wrong_answer/binary_search.c");
  const PackageSubmission* slow = submission("submissions/time_limit_exceeded/quadratic.py");
  const PackageSubmission* crash = submission("submissions/run_time_error/fast_path");
  ASSERT_TRUE(hash && dict && wrong && slow && crash);

  EXPECT_EQ(hash->expected, (std::set<Verdict>{Verdict::Accepted}));
  EXPECT_EQ(hash->program.language, "cpp");
  EXPECT_EQ(hash->source, ExpectationSource::Directory);
  EXPECT_EQ(hash->timeLimitRole, TimeLimitRole::LowerBound);
  EXPECT_EQ(dict->program.language, "python3");
  EXPECT_EQ(wrong->expected, (std::set<Verdict>{Verdict::WrongAnswer}));
  EXPECT_EQ(wrong->program.language, "c");
  EXPECT_EQ(slow->expected, (std::set<Verdict>{Verdict::TimeLimitExceeded}));
  EXPECT_EQ(slow->timeLimitRole, TimeLimitRole::UpperBound);
  EXPECT_TRUE(crash->expected.contains(Verdict::RuntimeError));
  EXPECT_FALSE(crash->expected.contains(Verdict::WrongAnswer));
  EXPECT_TRUE(crash->program.isDirectory);
  EXPECT_EQ(crash->program.language, "java");
  EXPECT_EQ(crash->directory, "run_time_error");
}

}  // namespace
}  // namespace arena::judge
