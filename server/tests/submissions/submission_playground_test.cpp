// SubmissionService::submit with "stdin": playground runs on both storage backends (nothing is
// stored or queued; the problem's limits are passed to the runner).

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "submission_service_fixture.hpp"

namespace arena::server::submissions::testing {
namespace {

class SubmissionPlaygroundTest : public SubmissionServiceFixture {};

// ---- playground ----

TEST_P(SubmissionPlaygroundTest, PlaygroundRunsWithTheProblemsLimitsAndStoresNothing) {
  auto request = body("print(int(input()) * 3)");
  request["language"] = "python3";
  request["stdin"] = "1\n";
  auto outcome = submit(request);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->status, 200);
  EXPECT_EQ(outcome->body, (json{{"id", nullptr},
                                 {"status", "OK"},
                                 {"exec_time_ms", 12},
                                 {"memory_kb", 3456},
                                 {"stdout", "3\n"},
                                 {"stderr", "warning\n"},
                                 {"compile_output", ""},
                                 {"exit_code", 0}}));
  ASSERT_EQ(m_runs.size(), 1U);
  EXPECT_EQ(m_runs[0].language, "python3");
  EXPECT_EQ(m_runs[0].code, "print(int(input()) * 3)");
  EXPECT_EQ(m_runs[0].stdinData, "1\n");
  EXPECT_EQ(m_runs[0].limits, m_problem.limits);

  EXPECT_TRUE(m_queue->pushed().empty());
  EXPECT_TRUE(storage().submissions().listByUser(m_alice.userId, std::nullopt, 10)->items.empty());
}

TEST_P(SubmissionPlaygroundTest, PlaygroundWithoutAProblemUsesTheDefaultLimits) {
  const json request{{"language", "cpp"}, {"code", "int main() {}"}, {"stdin", ""}};
  auto outcome = submit(request);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  ASSERT_EQ(m_runs.size(), 1U);
  EXPECT_EQ(m_runs[0].language, "cpp17");  // the alias resolved
  EXPECT_EQ(m_runs[0].stdinData, "");
  EXPECT_EQ(m_runs[0].limits, (model::Limits{2000, 262144, 4096}));
}

TEST_P(SubmissionPlaygroundTest, PlaygroundRefusesAnUnknownProblemAndPassesRunnerErrorsOn) {
  auto request = body();
  request["stdin"] = "x";
  request["problem_id"] = m_problem.id + 99;
  EXPECT_EQ(refused(request).code, ErrorCode::NotFound);
  EXPECT_TRUE(m_runs.empty());

  request["problem_id"] = m_problem.id;
  m_runnerError = Error{ErrorCode::Unavailable, "the sandbox is down", true};
  const auto error = refused(request);
  EXPECT_EQ(error, *m_runnerError);
}

ARENA_STORAGE_BACKENDS(SubmissionPlaygroundTest);

}  // namespace
}  // namespace arena::server::submissions::testing
