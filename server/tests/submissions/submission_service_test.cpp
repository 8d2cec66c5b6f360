// SubmissionService::submit against both storage backends: storing, queueing, idempotency,
// checks and analytics.

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "submission_service_fixture.hpp"

namespace arena::server::submissions::testing {
namespace {

class SubmissionServiceTest : public SubmissionServiceFixture {};

// ---- submit ----

TEST_P(SubmissionServiceTest, SubmitCommitsTheRowThenQueuesItsId) {
  auto outcome = submit(body("int main() { return 0; }"));
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  EXPECT_EQ(outcome->status, 202);
  const auto id = outcome->body.at("id").get<std::int64_t>();
  EXPECT_EQ(outcome->body, (json{{"id", id},
                                 {"status", "queued"},
                                 {"verdict", nullptr},
                                 {"exec_time_ms", 0},
                                 {"memory_kb", 0}}));
  EXPECT_EQ(m_queue->pushed(), std::vector<std::int64_t>{id});
  EXPECT_TRUE(m_queue->pushedBeforeCommit().empty()) << "pushed before the row was readable";

  auto stored = storage().submissions().findById(id);
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  EXPECT_EQ(stored->submission.userId, m_alice.userId);
  EXPECT_EQ(stored->submission.problemId, m_problem.id);
  EXPECT_EQ(stored->submission.language, "cpp17");
  EXPECT_EQ(stored->submission.code, "int main() { return 0; }");
}

TEST_P(SubmissionServiceTest, RepeatedClientIdReturnsTheFirstSubmissionWith200) {
  auto request = body("first");
  request["client_id"] = "desktop-42_a";
  auto first = submit(request);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->status, 202);

  request["code"] = "second, different code";
  auto again = submit(request);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(again->body, first->body);
  auto page = storage().submissions().listByUser(m_alice.userId, std::nullopt, 10);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->items.size(), 1U);
  const auto id = first->body.at("id").get<std::int64_t>();
  EXPECT_EQ(storage().submissions().findById(id)->submission.code, "first");
  // Still unfinished: pushed again in case the first push was lost (the queue dedupes).
  EXPECT_EQ(m_queue->pushed(), (std::vector<std::int64_t>{id, id}));
}

TEST_P(SubmissionServiceTest, RepeatedClientIdOfAJudgedSubmissionIsNotQueuedAgain) {
  auto request = body();
  request["client_id"] = "once";
  auto first = submit(request);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  const auto id = first->body.at("id").get<std::int64_t>();
  auto attempt = storage().submissions().claimForJudging(id);
  ASSERT_TRUE(attempt.has_value()) << attempt.error().message;
  ASSERT_TRUE(storage()
                  .submissions()
                  .recordResult(id, *attempt,
                                {model::Verdict::WrongAnswer,
                                 7,
                                 900,
                                 {{1, model::Verdict::WrongAnswer, 7, 900}},
                                 kNow, std::nullopt})
                  .has_value());

  auto again = submit(request);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(again->body.at("status"), "judged");
  EXPECT_EQ(again->body.at("verdict"), "WA");
  EXPECT_EQ(again->body.at("exec_time_ms"), 7);
  EXPECT_EQ(m_queue->pushed(), std::vector<std::int64_t>{id});
}

TEST_P(SubmissionServiceTest, TheSameClientIdFromAnotherUserIsANewSubmission) {
  auto request = body();
  request["client_id"] = "shared-name";
  auto alices = submit(request, &m_alice);
  auto bobs = submit(request, &m_bob);
  ASSERT_TRUE(alices.has_value() && bobs.has_value());
  EXPECT_EQ(bobs->status, 202);
  EXPECT_NE(alices->body.at("id"), bobs->body.at("id"));
}

TEST_P(SubmissionServiceTest, UnknownProblemIsNotFound) {
  auto request = body();
  request["problem_id"] = m_problem.id + 1000;
  const auto error = refused(request);
  EXPECT_EQ(error.code, ErrorCode::NotFound);
  EXPECT_NE(error.message.find(std::to_string(m_problem.id + 1000)), std::string::npos)
      << error.message;
  EXPECT_TRUE(m_queue->pushed().empty());
}

TEST_P(SubmissionServiceTest, InactiveProblemIsHiddenFromContestantsButProctorsMaySubmit) {
  ASSERT_TRUE(storage().problems().setActive(m_problem.id, false).has_value());
  const auto hidden = refused(body());
  EXPECT_EQ(hidden.code, ErrorCode::NotFound);
  // The same answer as a problem that never existed, so inactive ids do not leak.
  EXPECT_EQ(hidden.message, "no problem with id " + std::to_string(m_problem.id));

  auto proctors = submit(body(), &m_proctor);
  ASSERT_TRUE(proctors.has_value()) << proctors.error().message;
  EXPECT_EQ(proctors->status, 202);
  EXPECT_EQ(m_queue->pushed().size(), 1U);
}

TEST_P(SubmissionServiceTest, UnknownLanguageIsRefusedNamingItAndTheKnownOnes) {
  auto request = body();
  request["language"] = "brainfuck";
  const auto error = refused(request);
  EXPECT_EQ(error.code, ErrorCode::InvalidArgument);
  EXPECT_NE(error.message.find("'brainfuck'"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("cpp17, python3"), std::string::npos) << error.message;
  EXPECT_TRUE(m_queue->pushed().empty());
}

TEST_P(SubmissionServiceTest, LanguageAliasIsStoredAsTheLanguageId) {
  auto request = body();
  request["language"] = "c++";
  auto outcome = submit(request);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  const auto id = outcome->body.at("id").get<std::int64_t>();
  EXPECT_EQ(storage().submissions().findById(id)->submission.language, "cpp17");
}

TEST_P(SubmissionServiceTest, CodeSizeIsCheckedAgainstTheConfiguredLimit) {
  EXPECT_GT(submitOk(m_alice, std::string(kTestCodeLimit, 'x')), 0);

  const auto oversized = refused(body(std::string(kTestCodeLimit + 1, 'x')));
  EXPECT_EQ(oversized.code, ErrorCode::InvalidArgument);
  EXPECT_EQ(oversized.message, "submission.code: must be at most 1024 bytes");

  const auto empty = refused(body(""));
  EXPECT_EQ(empty.message, "submission.code: must not be empty");
  EXPECT_EQ(m_queue->pushed().size(), 1U);
}

// ---- analytics ----

TEST_P(SubmissionServiceTest, EachNewSubmissionRecordsOneAnalyticsEvent) {
  auto request = body();
  request["client_id"] = "retry-me";
  auto first = submit(request);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_TRUE(submit(request).has_value());  // a retry is not a new submission
  request["stdin"] = "1 2";
  ASSERT_TRUE(submit(request).has_value());  // nor is a playground run

  auto events = storage().analytics().query(
      {"submission", kNow - std::chrono::hours{1}, kNow + std::chrono::hours{1}, 100});
  ASSERT_TRUE(events.has_value()) << events.error().message;
  ASSERT_EQ(events->size(), 1U);
  const auto& event = events->front();
  EXPECT_EQ(event.userId, m_alice.userId);
  EXPECT_EQ(event.occurredAt, kNow);
  EXPECT_EQ(event.metadata, (json{{"submission_id", first->body.at("id")},
                                  {"problem_id", m_problem.id},
                                  {"language", "cpp17"}}));
}

ARENA_STORAGE_BACKENDS(SubmissionServiceTest);

}  // namespace
}  // namespace arena::server::submissions::testing
