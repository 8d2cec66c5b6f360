// Every rule of the verdict as a table row: what the run and the checker said -> the verdict.

#include "arena/judge/verdict.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace arena::judge {
namespace {

using model::Verdict;
using sandbox::Status;

struct Row {
  Status run;
  int exitCode;
  CheckResult check;
  Verdict expected;
};

TEST(VerdictTest, TestVerdictTable) {
  const std::vector<Row> rows = {
      // Ran to completion: the checker decides.
      {Status::OK, 0, CheckResult::Accepted, Verdict::Accepted},
      {Status::OK, 0, CheckResult::WrongAnswer, Verdict::WrongAnswer},
      // A non-zero exit is a runtime error even when the output happens to be right.
      {Status::OK, 1, CheckResult::Accepted, Verdict::RuntimeError},
      {Status::OK, 3, CheckResult::NotChecked, Verdict::RuntimeError},
      // Limits beat everything the program or the checker did.
      {Status::TLE, 0, CheckResult::Accepted, Verdict::TimeLimitExceeded},
      {Status::TLE, 137, CheckResult::NotChecked, Verdict::TimeLimitExceeded},
      {Status::MLE, 0, CheckResult::NotChecked, Verdict::MemoryLimitExceeded},
      {Status::OLE, 0, CheckResult::WrongAnswer, Verdict::OutputLimitExceeded},
      {Status::SV, 0, CheckResult::NotChecked, Verdict::SecurityViolation},
      {Status::RE, 0, CheckResult::NotChecked, Verdict::RuntimeError},
      // The judge's own failures are never the contestant's.
      {Status::XX, 0, CheckResult::Accepted, Verdict::JudgeError},
      {Status::XX, 1, CheckResult::NotChecked, Verdict::JudgeError},
      {Status::OK, 0, CheckResult::CheckerFailed, Verdict::JudgeError},
      {Status::OK, 0, CheckResult::NotChecked, Verdict::JudgeError},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(testVerdict({row.run, row.exitCode, row.check}), row.expected)
        << sandbox::statusName(row.run) << " exit " << row.exitCode << " check "
        << static_cast<int>(row.check);
  }
}

TEST(VerdictTest, TimeLimitBeatsRuntimeError) {
  EXPECT_EQ(testVerdict({Status::TLE, 1, CheckResult::NotChecked}), Verdict::TimeLimitExceeded);
}

TEST(VerdictTest, PassFailTakesTheFirstFailureInJudgingOrder) {
  const std::vector<std::pair<std::vector<Verdict>, Verdict>> rows = {
      {{Verdict::Accepted}, Verdict::Accepted},
      {{Verdict::Accepted, Verdict::Accepted, Verdict::Accepted}, Verdict::Accepted},
      {{Verdict::Accepted, Verdict::WrongAnswer, Verdict::TimeLimitExceeded},
       Verdict::WrongAnswer},
      {{Verdict::TimeLimitExceeded, Verdict::WrongAnswer}, Verdict::TimeLimitExceeded},
      {{Verdict::Accepted, Verdict::JudgeError}, Verdict::JudgeError},
      {{}, Verdict::JudgeError},
  };
  for (const auto& [tests, expected] : rows) {
    EXPECT_EQ(aggregatePassFail(tests), expected);
  }
}

}  // namespace
}  // namespace arena::judge
