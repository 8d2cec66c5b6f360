// The pure parts of judging beyond testVerdict, one table per rule: the checker's exit code,
// runtime out-of-memory messages, a case's score, and group aggregation (IOI subtasks).

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "arena/judge/verdict.hpp"

namespace arena::judge {
namespace {

using model::Verdict;
using sandbox::Status;

TEST(VerdictScoringTest, CheckerExitCodeTable) {
  struct Row {
    bool ranToEnd;
    int exitCode;
    CheckResult expected;
  };
  const std::vector<Row> rows = {
      {true, 42, CheckResult::Accepted},
      {true, 43, CheckResult::WrongAnswer},
      // Exit 0 is not "accepted" in the Kattis protocol: the checker is broken.
      {true, 0, CheckResult::CheckerFailed},
      {true, 1, CheckResult::CheckerFailed},
      {true, 44, CheckResult::CheckerFailed},
      // Killed (signal, limit, sandbox failure): whatever the code says.
      {false, 42, CheckResult::CheckerFailed},
      {false, 43, CheckResult::CheckerFailed},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(checkerResult(row.ranToEnd, row.exitCode), row.expected)
        << row.ranToEnd << " " << row.exitCode;
  }
}

TEST(VerdictScoringTest, CheckerFailureIsAJudgeErrorNeverTheContestants) {
  EXPECT_EQ(testVerdict({Status::OK, 0, checkerResult(true, 0)}), Verdict::JudgeError);
  EXPECT_EQ(testVerdict({Status::OK, 0, checkerResult(false, 42)}), Verdict::JudgeError);
}

TEST(VerdictScoringTest, RuntimeOutOfMemoryMessageTable) {
  const std::vector<std::string> jvm = {"java.lang.OutOfMemoryError"};
  struct Row {
    Status status;
    int exitCode;
    int signal;
    std::string stderrText;
    Status expected;
  };
  const std::vector<Row> rows = {
      {Status::RE, 1, 0, "Exception in thread \"main\" java.lang.OutOfMemoryError: heap",
       Status::MLE},
      {Status::OK, 1, 0, "java.lang.OutOfMemoryError", Status::MLE},
      {Status::RE, 1, 0, "java.lang.ArrayIndexOutOfBoundsException", Status::RE},
      // Exit 0 with the message printed is not a failure.
      {Status::OK, 0, 0, "java.lang.OutOfMemoryError", Status::OK},
      // Limits and signals keep what the sandbox saw.
      {Status::TLE, 1, 0, "java.lang.OutOfMemoryError", Status::TLE},
      {Status::RE, 0, 11, "java.lang.OutOfMemoryError", Status::RE},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(refineRunStatus(row.status, row.exitCode, row.signal, row.stderrText, jvm),
              row.expected)
        << row.stderrText;
  }
  EXPECT_EQ(refineRunStatus(Status::RE, 1, 0, "anything", {}), Status::RE);
}

TEST(VerdictScoringTest, InteractivePrecedenceTable) {
  struct Row {
    const char* name;
    Status program;
    int exitCode;
    CheckResult interactor;
    bool interactorFirst;
    Verdict expected;
    bool interactorLostProgram = false;
  };
  const std::vector<Row> rows = {
      {"both fine", Status::OK, 0, CheckResult::Accepted, false, Verdict::Accepted},
      {"interactor rejects after the program", Status::OK, 0, CheckResult::WrongAnswer, false,
       Verdict::WrongAnswer},
      {"interactor rejects first, program then dies of the hang-up", Status::RE, 141,
       CheckResult::WrongAnswer, true, Verdict::WrongAnswer},
      {"program crashes first, interactor rejects", Status::RE, 1, CheckResult::WrongAnswer, false,
       Verdict::RuntimeError},
      {"program crashes although the interactor accepted", Status::RE, 1, CheckResult::Accepted,
       true, Verdict::RuntimeError},
      {"time limit wins over an early rejection", Status::TLE, 0, CheckResult::WrongAnswer, true,
       Verdict::TimeLimitExceeded},
      {"time limit wins over acceptance", Status::TLE, 0, CheckResult::Accepted, false,
       Verdict::TimeLimitExceeded},
      {"memory limit", Status::MLE, 0, CheckResult::WrongAnswer, false,
       Verdict::MemoryLimitExceeded},
      {"non-zero exit", Status::OK, 3, CheckResult::Accepted, false, Verdict::RuntimeError},
      {"interactor crashed", Status::OK, 0, CheckResult::CheckerFailed, false, Verdict::JudgeError},
      {"interactor crashed while the program timed out", Status::TLE, 0, CheckResult::CheckerFailed,
       false, Verdict::JudgeError},
      {"sandbox failure", Status::XX, 0, CheckResult::Accepted, false, Verdict::JudgeError},
      {"program killed at the time limit, interactor then hit the closed pipe", Status::TLE, 0,
       CheckResult::CheckerFailed, false, Verdict::TimeLimitExceeded, true},
      {"program crashed, interactor then hit the closed pipe", Status::RE, 139,
       CheckResult::CheckerFailed, false, Verdict::RuntimeError, true},
      {"program exited cleanly mid-conversation", Status::OK, 0, CheckResult::CheckerFailed, false,
       Verdict::WrongAnswer, true},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(interactiveVerdict({row.program, row.exitCode, row.interactor, row.interactorFirst,
                                  row.interactorLostProgram}),
              row.expected)
        << row.name;
  }
}

TEST(VerdictScoringTest, CaseScoreTable) {
  struct Row {
    Verdict verdict;
    std::optional<double> maxScore;
    std::optional<double> checkerScore;
    std::optional<double> multiplier;
    double expected;
  };
  const std::vector<Row> rows = {
      {Verdict::Accepted, 10.0, std::nullopt, std::nullopt, 10.0},
      {Verdict::Accepted, 10.0, std::nullopt, 0.5, 5.0},
      {Verdict::Accepted, 10.0, 7.0, std::nullopt, 7.0},  // score.txt wins
      {Verdict::Accepted, std::nullopt, 3.5, std::nullopt, 3.5},
      {Verdict::Accepted, std::nullopt, std::nullopt, std::nullopt, 0.0},
      {Verdict::WrongAnswer, 10.0, 7.0, std::nullopt, 0.0},
      {Verdict::TimeLimitExceeded, 10.0, std::nullopt, std::nullopt, 0.0},
      {Verdict::JudgeError, 10.0, std::nullopt, std::nullopt, 0.0},
  };
  for (const Row& row : rows) {
    EXPECT_DOUBLE_EQ(caseScore(row.verdict, row.maxScore, row.checkerScore, row.multiplier),
                     row.expected);
  }
}

TEST(VerdictScoringTest, GroupAggregationTable) {
  const Scored ac10{Verdict::Accepted, 10};
  const Scored ac5{Verdict::Accepted, 5};
  const Scored wa{Verdict::WrongAnswer, 0};
  const Scored tle{Verdict::TimeLimitExceeded, 0};
  struct Row {
    const char* name;
    ScoreAggregation aggregation;
    std::optional<double> maxScore;
    std::vector<Scored> children;
    bool requirementsMet;
    Verdict verdict;
    double score;
  };
  const std::vector<Row> rows = {
      {"sum of all accepted",
       ScoreAggregation::Sum,
       30.0,
       {ac10, ac10, ac10},
       true,
       Verdict::Accepted,
       30},
      {"sum keeps partial credit",
       ScoreAggregation::Sum,
       30.0,
       {ac10, wa, ac10},
       true,
       Verdict::WrongAnswer,
       20},
      {"sum capped at max", ScoreAggregation::Sum, 15.0, {ac10, ac10}, true, Verdict::Accepted, 15},
      {"sum unbounded",
       ScoreAggregation::Sum,
       std::nullopt,
       {ac10, ac5},
       true,
       Verdict::Accepted,
       15},
      {"min: subtask all or nothing",
       ScoreAggregation::Min,
       30.0,
       {ac10, tle, ac10},
       true,
       Verdict::TimeLimitExceeded,
       0},
      {"min of accepted", ScoreAggregation::Min, 30.0, {ac10, ac5}, true, Verdict::Accepted, 5},
      {"pass-fail all accepted",
       ScoreAggregation::PassFail,
       40.0,
       {ac10, ac5},
       true,
       Verdict::Accepted,
       40},
      {"pass-fail one rejected",
       ScoreAggregation::PassFail,
       40.0,
       {ac10, wa},
       true,
       Verdict::WrongAnswer,
       0},
      {"pass-fail without points",
       ScoreAggregation::PassFail,
       std::nullopt,
       {ac10},
       true,
       Verdict::Accepted,
       0},
      {"first rejection in order wins",
       ScoreAggregation::Sum,
       std::nullopt,
       {ac10, tle, wa},
       true,
       Verdict::TimeLimitExceeded,
       10},
      {"require_pass not met scores 0",
       ScoreAggregation::Sum,
       70.0,
       {ac10, ac10},
       false,
       Verdict::Accepted,
       0},
      {"empty group", ScoreAggregation::Min, 10.0, {}, true, Verdict::Accepted, 0},
  };
  for (const Row& row : rows) {
    const Scored scored =
        aggregateGroup(row.aggregation, row.maxScore, row.children, row.requirementsMet);
    EXPECT_EQ(scored.verdict, row.verdict) << row.name;
    EXPECT_DOUBLE_EQ(scored.score, row.score) << row.name;
  }
}

TEST(VerdictScoringTest, SingleRunOutcomeTable) {
  struct Row {
    const char* name;
    Status status;
    int exitCode;
    int signal;
    std::string stderrText;
    std::string_view expected;
  };
  const std::vector<std::string> markers = {"java.lang.OutOfMemoryError"};
  const std::vector<Row> rows = {
      {"clean exit", Status::OK, 0, 0, "", "OK"},
      {"non-zero exit", Status::RE, 3, 0, "", "RE"},
      {"killed by a signal", Status::RE, 0, 11, "", "RE"},
      {"runtime out of memory", Status::RE, 1, 0, "Exception java.lang.OutOfMemoryError", "MLE"},
      {"time limit", Status::TLE, 0, 9, "", "TLE"},
      {"memory limit", Status::MLE, 0, 9, "", "MLE"},
      {"output limit", Status::OLE, 0, 25, "", "OLE"},
      {"forbidden system call", Status::SV, 0, 31, "", "RE"},
      {"sandbox failure", Status::XX, 0, 0, "", "XX"},
  };
  for (const Row& row : rows) {
    sandbox::RunResult run;
    run.status = row.status;
    run.exitCode = row.exitCode;
    run.signal = row.signal;
    run.stderrData = row.stderrText;
    EXPECT_EQ(singleRunOutcome(run, markers), row.expected) << row.name;
  }
}

}  // namespace
}  // namespace arena::judge
