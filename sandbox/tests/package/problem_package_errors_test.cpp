// Malformed packages, built in a temporary directory named like a problem: every problem is an
// InvalidArgument whose message names the problem, the file and what is wrong.

#include <gtest/gtest.h>

#include "arena/judge/problem_package.hpp"
#include "package_test_support.hpp"

namespace arena::judge {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::writeFile;

class PackageErrorTest : public ::testing::Test {
 protected:
  fs::path root() const { return m_temp.path() / "two-sum"; }

  void modern(const std::string& extraYaml = "") {
    writeFile(root() / "problem.yaml",
              "problem_format_version: 2025-09\nname: Two Sum\nuuid: x\n" + extraYaml);
    writeFile(root() / "statement/problem.en.md", "Add.\n");
    writeFile(root() / "data/secret/01.in", "1 2\n");
    writeFile(root() / "data/secret/01.ans", "3\n");
    writeFile(root() / "submissions/accepted/sum.py", "print(sum(map(int, input().split())))\n");
  }

  void legacy(const std::string& yaml = "name: Two Sum\n") {
    writeFile(root() / "problem.yaml", yaml);
    writeFile(root() / "problem_statement/problem.tex", "\\problemname{Two Sum}\n");
    writeFile(root() / "data/secret/01.in", "1 2\n");
    writeFile(root() / "data/secret/01.ans", "3\n");
    writeFile(root() / "submissions/accepted/sum.py", "print(sum(map(int, input().split())))\n");
  }

  std::string error(const PackageReadOptions& options = {}) {
    auto read = readProblemPackage(root(), options);
    if (read) return "(no error)";
    EXPECT_EQ(read.error().code, ErrorCode::InvalidArgument);
    return read.error().message;
  }

  TempDir m_temp;
};

TEST_F(PackageErrorTest, MinimalPackagesAreValid) {
  modern();
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->shortName, "two-sum");
}

TEST_F(PackageErrorTest, InputWithoutAnswer) {
  modern();
  writeFile(root() / "data/secret/03.in", "4 5\n");
  EXPECT_EQ(error(), "two-sum: data/secret/03.in has no matching .ans");
}

TEST_F(PackageErrorTest, AnswerWithoutInput) {
  modern();
  writeFile(root() / "data/secret/04.ans", "9\n");
  EXPECT_EQ(error(), "two-sum: data/secret/04.ans has no matching .in");
}

TEST_F(PackageErrorTest, MultiplierThatIsNotANumber) {
  modern("limits:\n  time_multipliers:\n    ac_to_time_limit: fast\n");
  EXPECT_EQ(error(),
            "two-sum: problem.yaml: limits.time_multipliers.ac_to_time_limit: expected a number, "
            "got 'fast'");
}

TEST_F(PackageErrorTest, MultiplierBelowOne) {
  modern("limits:\n  time_multipliers:\n    time_limit_to_tle: 0.5\n");
  EXPECT_NE(error().find("limits.time_multipliers.time_limit_to_tle: must be >= 1"),
            std::string::npos);
}

TEST_F(PackageErrorTest, NegativeMemory) {
  modern("limits:\n  memory: -5\n");
  EXPECT_EQ(error(), "two-sum: problem.yaml: limits.memory: must be > 0");
}

TEST_F(PackageErrorTest, UnsupportedFormatVersion) {
  writeFile(root() / "problem.yaml", "problem_format_version: 2023-07-draft\nname: x\n");
  EXPECT_NE(error().find("unsupported version '2023-07-draft'"), std::string::npos);
}

TEST_F(PackageErrorTest, MultiPassAndSubmitAnswerAreRejected) {
  modern("type: [pass-fail, multi-pass]\n");
  EXPECT_NE(error().find("type: 'multi-pass' problems are not supported"), std::string::npos);
  modern("type: submit-answer\n");
  EXPECT_NE(error().find("'submit-answer' problems are not supported"), std::string::npos);
}

TEST_F(PackageErrorTest, PassFailAndScoringExcludeEachOther) {
  modern("type: [pass-fail, scoring]\n");
  EXPECT_NE(error().find("exclude each other"), std::string::npos);
}

TEST_F(PackageErrorTest, UnknownType) {
  modern("type: golf\n");
  EXPECT_NE(error().find("type: unknown type 'golf'"), std::string::npos);
}

TEST_F(PackageErrorTest, YamlSyntaxErrorNamesTheLine) {
  modern("limits: [1, 2\n");
  EXPECT_NE(error().find("two-sum: problem.yaml: invalid YAML at line"), std::string::npos);
}

TEST_F(PackageErrorTest, YamlThatIsNotAMap) {
  writeFile(root() / "problem.yaml", "- a\n- b\n");
  EXPECT_EQ(error(), "two-sum: problem.yaml: expected a map at the top level");
}

TEST_F(PackageErrorTest, LegacyKeysIn2025AreErrors) {
  modern("validation: custom\n");
  EXPECT_NE(error().find("validation: is a legacy key"), std::string::npos);
}

TEST_F(PackageErrorTest, NameIsRequiredIn2025) {
  writeFile(root() / "problem.yaml", "problem_format_version: 2025-09\nuuid: x\n");
  EXPECT_EQ(error(), "two-sum: problem.yaml: name: is required");
}

TEST_F(PackageErrorTest, LegacyCustomValidationNeedsAValidator) {
  legacy("validation: custom\n");
  EXPECT_NE(error().find("validation: custom, but there is no output_validators/"),
            std::string::npos);
}

TEST_F(PackageErrorTest, LegacyValidationMustStartWithDefaultOrCustom) {
  legacy("validation: interactive\n");
  EXPECT_NE(error().find("validation: must start with 'default' or 'custom'"), std::string::npos);
}

TEST_F(PackageErrorTest, InteractiveNeedsAnInteractor) {
  modern("type: interactive\n");
  EXPECT_NE(error().find("interactive problems need a custom output validator"), std::string::npos);
}

TEST_F(PackageErrorTest, ModernPackageWithLegacyValidatorDirectory) {
  modern();
  writeFile(root() / "output_validators/check/check.cpp", "int main() { return 42; }\n");
  EXPECT_NE(error().find("output_validators/: is the legacy directory name"), std::string::npos);
}

TEST_F(PackageErrorTest, SecretWithCasesAndGroups) {
  modern();
  writeFile(root() / "data/secret/group1/01.in", "1 1\n");
  writeFile(root() / "data/secret/group1/01.ans", "2\n");
  EXPECT_NE(error().find("holds both test cases and test data groups"), std::string::npos);
}

TEST_F(PackageErrorTest, TestdataYamlIn2025) {
  modern();
  writeFile(root() / "data/secret/testdata.yaml", "on_reject: continue\n");
  EXPECT_EQ(error(),
            "two-sum: data/secret/testdata.yaml: is a legacy file; 2025-09 uses test_group.yaml");
}

TEST_F(PackageErrorTest, NestedTestGroupYamlIn2025) {
  modern("type: scoring\n");
  fs::remove(root() / "data/secret/01.in");
  fs::remove(root() / "data/secret/01.ans");
  writeFile(root() / "data/secret/g1/test_group.yaml", "max_score: 100\n");
  writeFile(root() / "data/secret/g1/deep/test_group.yaml", "max_score: 5\n");
  writeFile(root() / "data/secret/g1/deep/01.in", "1 1\n");
  writeFile(root() / "data/secret/g1/deep/01.ans", "2\n");
  EXPECT_NE(error().find("test data groups cannot be nested"), std::string::npos);
}

TEST_F(PackageErrorTest, ScoringKeysInPassFailProblem) {
  modern();
  writeFile(root() / "data/secret/test_group.yaml", "max_score: 100\n");
  EXPECT_NE(error().find("max_score: is only valid for scoring problems"), std::string::npos);
}

TEST_F(PackageErrorTest, BadScoreAggregation) {
  modern("type: scoring\n");
  writeFile(root() / "data/secret/test_group.yaml", "score_aggregation: average\n");
  EXPECT_NE(error().find("score_aggregation: expected pass-fail, sum or min, got 'average'"),
            std::string::npos);
}

TEST_F(PackageErrorTest, MissingSecretData) {
  modern();
  fs::remove_all(root() / "data/secret");
  EXPECT_EQ(error(), "two-sum: data/secret/: is missing (every package needs secret test data)");
}

TEST_F(PackageErrorTest, EmptySecretData) {
  modern();
  fs::remove(root() / "data/secret/01.in");
  fs::remove(root() / "data/secret/01.ans");
  EXPECT_EQ(error(), "two-sum: data/secret/: has no test cases");
}

TEST_F(PackageErrorTest, NotAPackage) {
  writeFile(root() / "README.md", "hello\n");
  EXPECT_NE(error().find("not a problem package"), std::string::npos);
}

TEST_F(PackageErrorTest, NotADirectory) {
  auto read = readProblemPackage(m_temp.path() / "missing");
  ASSERT_FALSE(read.has_value());
  EXPECT_NE(read.error().message.find("is not a directory"), std::string::npos);
}

TEST_F(PackageErrorTest, SymlinkOutOfThePackage) {
  modern();
  writeFile(m_temp.path() / "outside.txt", "secret\n");
  fs::create_symlink("../../../outside.txt", root() / "data/secret/02.in");
  writeFile(root() / "data/secret/02.ans", "x\n");
  EXPECT_EQ(error(), "two-sum: data/secret/02.in: is a symlink pointing out of the package");
}

TEST_F(PackageErrorTest, SymlinkToADirectoryIsRefused) {
  modern();
  fs::create_symlink("..", root() / "submissions/accepted/loop");
  EXPECT_EQ(error(),
            "two-sum: submissions/accepted/loop: is a symlink to a directory; only links to files "
            "are supported");
}

TEST_F(PackageErrorTest, SymlinkInsideThePackageIsFine) {
  modern();
  fs::create_symlink("01.in", root() / "data/secret/02.in");
  writeFile(root() / "data/secret/02.ans", "3\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->data.findGroup("secret")->cases.size(), 2u);
}

TEST_F(PackageErrorTest, UnknownKeysWarnAndFailOnlyWhenStrict) {
  modern("colour: blue\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  ASSERT_EQ(read->warnings.size(), 1u);
  EXPECT_EQ(read->warnings[0], "two-sum: problem.yaml: unknown key 'colour' ignored");
  EXPECT_EQ(error({.shortName = "", .strict = true}),
            "two-sum: problem.yaml: unknown key 'colour' ignored");
}

TEST_F(PackageErrorTest, GarbageTimelimitFile) {
  legacy();
  writeFile(root() / ".timelimit", "soon\n");
  EXPECT_EQ(error(), "two-sum: .timelimit: expected a positive number of seconds, got 'soon'");
}

TEST_F(PackageErrorTest, MalformedDomjudgeIni) {
  legacy();
  writeFile(root() / "domjudge-problem.ini", "timelimit = 2\nthis line has no equals sign\n");
  EXPECT_EQ(error(), "two-sum: domjudge-problem.ini: line 2: expected key = value");
}

TEST_F(PackageErrorTest, UnknownExpectedResult) {
  legacy();
  writeFile(root() / "submissions/mixed/odd.py", "# @EXPECTED_RESULTS@: CORRECT, BOGUS\n");
  std::string message = error();
  EXPECT_NE(message.find("two-sum: submissions/mixed/odd.py: @EXPECTED_RESULTS@: unknown verdict "
                         "'BOGUS'"),
            std::string::npos)
      << message;
}

TEST_F(PackageErrorTest, UntaggedProgramInUnknownDirectoryIsSkippedWithAWarning) {
  legacy();
  writeFile(root() / "submissions/ideas/maybe.py", "print(3)\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->submissions.size(), 1u);
  ASSERT_EQ(read->warnings.size(), 1u);
  EXPECT_NE(read->warnings[0].find("submissions/ideas/maybe.py"), std::string::npos);
}

TEST_F(PackageErrorTest, LegacyNameFallsBackToTheLatexStatement) {
  legacy("validation: default\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->name, "Two Sum");
}

TEST_F(PackageErrorTest, SubmissionsYamlWithUnknownVerdict) {
  modern();
  writeFile(root() / "submissions/submissions.yaml", "accepted:\n  permitted: [AC, OK]\n");
  EXPECT_NE(error().find("accepted.permitted: unknown verdict 'OK'"), std::string::npos);
}

TEST_F(PackageErrorTest, SubmissionsYamlGlobsAddRequirements) {
  modern();
  writeFile(root() / "submissions/mixed/greedy.py", "print(0)\n");
  writeFile(root() / "submissions/mixed/{broken}.py", "print(0)\n");
  writeFile(root() / "submissions/submissions.yaml",
            "mixed/{greedy,other}.py:\n  permitted: [AC, WA]\n  required: [WA]\n"
            "  use_for_time_limit: lower\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const PackageSubmission* greedy = nullptr;
  for (const PackageSubmission& s : read->submissions) {
    if (s.program.name == "submissions/mixed/greedy.py") greedy = &s;
  }
  ASSERT_NE(greedy, nullptr);
  EXPECT_EQ(greedy->source, ExpectationSource::SubmissionsYaml);
  EXPECT_EQ(greedy->expected, (std::set<model::Verdict>{model::Verdict::WrongAnswer}));
  EXPECT_EQ(greedy->timeLimitRole, TimeLimitRole::LowerBound);
  // "{broken}.py" matches no pattern and has no tag: skipped with a warning.
  EXPECT_EQ(read->submissions.size(), 2u);
}

TEST_F(PackageErrorTest, LegacyCustomInteractive) {
  legacy("name: Two Sum\nvalidation: custom interactive\n");
  writeFile(root() / "output_validators/interactor/interactor.cpp", "int main() { return 42; }\n");
  writeFile(root() / "output_validators/interactor/testlib.h", "// helper\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_TRUE(read->type.interactive);
  ASSERT_TRUE(read->outputValidator.has_value());
  EXPECT_EQ(read->outputValidator->name, "output_validators/interactor");
  EXPECT_EQ(read->outputValidator->language, "cpp");
  EXPECT_EQ(read->outputValidator->files.size(), 2u);
}

TEST_F(PackageErrorTest, LegacyValidatorSourcesBesideHeadersAreOneProgram) {
  legacy("name: Two Sum\nvalidation: custom\n");
  writeFile(root() / "output_validators/checker.cpp", "int main() { return 42; }\n");
  writeFile(root() / "output_validators/testlib.h", "// helper\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->outputValidator->name, "output_validators");
  EXPECT_TRUE(read->outputValidator->isDirectory);
}

TEST_F(PackageErrorTest, LegacyWithTwoValidators) {
  legacy("name: Two Sum\nvalidation: custom\n");
  writeFile(root() / "output_validators/a.cpp", "int main() { return 42; }\n");
  writeFile(root() / "output_validators/b.py", "exit(42)\n");
  EXPECT_EQ(error(),
            "two-sum: output_validators/: holds 2 validators; this judge runs exactly one");
}

TEST_F(PackageErrorTest, LegacyScoringGraderFlags) {
  legacy("name: Two Sum\ntype: scoring\n");
  writeFile(root() / "data/secret/testdata.yaml", "grader_flags: min\naccept_score: 5\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const TestGroup* secret = read->data.findGroup("secret");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->aggregation, ScoreAggregation::Min);
  EXPECT_EQ(secret->cases[0].maxScore, 5.0);
  writeFile(root() / "data/secret/testdata.yaml", "grader_flags: avg\n");
  EXPECT_NE(error().find("grader_flags: 'avg' is not supported"), std::string::npos);
}

TEST_F(PackageErrorTest, DomjudgeIniWithoutProblemYaml) {
  legacy();
  fs::remove(root() / "problem.yaml");
  writeFile(root() / "domjudge-problem.ini",
            "name = 'Two\nSums'\ntimelimit = 1.5\nspecial_compare = float_cmp\n");
  auto read = readProblemPackage(root());
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->name, "Two\nSums");
  EXPECT_EQ(read->limits.timeLimitMs, 1500);
  EXPECT_EQ(read->domjudge->specialCompare, "float_cmp");
  EXPECT_EQ(read->formatVersion, "legacy");
  ASSERT_FALSE(read->warnings.empty());
  EXPECT_NE(read->warnings[0].find("special_compare 'float_cmp'"), std::string::npos);
}

}  // namespace
}  // namespace arena::judge
