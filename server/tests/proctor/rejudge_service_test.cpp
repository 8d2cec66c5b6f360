// Rejudging on both storage backends: rows go back to queued under a new attempt, a late result
// of the old attempt is dropped, and ids are pushed only after the reset committed.
#include "features/proctor/rejudge_service.hpp"

#include <gtest/gtest.h>

#include "judge_queue_double.hpp"
#include "storage_fixture.hpp"

namespace arena::server::proctor {
namespace {

using storage::testing::StorageTest;

class RejudgeServiceTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    queue = std::make_unique<testing::RecordingJudgeQueue>(storage().submissions());
    service = std::make_unique<RejudgeService>(storage().submissions(), storage().problems(),
                                               *queue);
    userId = makeUser("rejudged");
    problemId = makeProblem("sum");
    otherProblemId = makeProblem("other");
  }

  std::int64_t submit(std::int64_t problem) {
    storage::NewSubmission submission;
    submission.userId = userId;
    submission.problemId = problem;
    submission.language = "cpp";
    submission.code = "int main(){}";
    auto created = storage().submissions().create(submission);
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->record.submission.id : 0;
  }

  // Judges the submission Accepted; returns the attempt that did it.
  std::int64_t judge(std::int64_t id) {
    auto attempt = storage().submissions().claimForJudging(id);
    EXPECT_TRUE(attempt);
    storage::JudgeResult result;
    result.verdict = model::Verdict::Accepted;
    result.execTimeMs = 12;
    result.memoryKb = 345;
    result.tests = {model::TestResult{}};
    result.judgedAt = Timestamp{std::chrono::milliseconds{1000}};
    auto recorded = storage().submissions().recordResult(id, *attempt, result);
    EXPECT_EQ(recorded.value_or(storage::RecordOutcome::StaleAttempt),
              storage::RecordOutcome::Recorded);
    return *attempt;
  }

  std::unique_ptr<testing::RecordingJudgeQueue> queue;
  std::unique_ptr<RejudgeService> service;
  std::int64_t userId = 0;
  std::int64_t problemId = 0;
  std::int64_t otherProblemId = 0;
};

TEST_P(RejudgeServiceTest, AJudgedSubmissionGoesBackToQueuedWithoutItsVerdict) {
  const std::int64_t id = submit(problemId);
  const std::int64_t oldAttempt = judge(id);

  auto count = service->rejudgeSubmission(id);
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 1u);

  auto record = storage().submissions().findById(id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->submission.status, model::SubmissionStatus::Queued);
  EXPECT_FALSE(record->submission.verdict.has_value());
  EXPECT_EQ(record->submission.execTimeMs, 0);
  EXPECT_EQ(record->submission.memoryKb, 0);
  EXPECT_TRUE(record->submission.tests.empty());
  EXPECT_FALSE(record->judgedAt.has_value());
  EXPECT_GT(record->judgeAttempt, oldAttempt);
  EXPECT_EQ(queue->pushed(), std::vector<std::int64_t>{id});
  EXPECT_TRUE(queue->pushedBeforeCommit().empty());
}

TEST_P(RejudgeServiceTest, ALateResultOfTheOldAttemptIsDroppedAsStale) {
  const std::int64_t id = submit(problemId);
  auto attempt = storage().submissions().claimForJudging(id);  // a judge is working on it
  ASSERT_TRUE(attempt);
  ASSERT_TRUE(service->rejudgeSubmission(id));

  storage::JudgeResult late;
  late.verdict = model::Verdict::WrongAnswer;
  auto outcome = storage().submissions().recordResult(id, *attempt, late);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(*outcome, storage::RecordOutcome::StaleAttempt);
  EXPECT_FALSE(storage().submissions().findById(id)->submission.verdict.has_value());

  // The fresh attempt records normally.
  EXPECT_GT(judge(id), *attempt);
  EXPECT_EQ(storage().submissions().findById(id)->submission.verdict, model::Verdict::Accepted);
}

TEST_P(RejudgeServiceTest, AProblemRejudgesEveryOneOfItsSubmissionsAndNoOther) {
  const std::int64_t first = submit(problemId);
  const std::int64_t second = submit(problemId);
  const std::int64_t elsewhere = submit(otherProblemId);
  judge(first);
  judge(elsewhere);

  auto count = service->rejudgeProblem("sum");
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 2u);
  EXPECT_EQ(queue->pushed(), (std::vector<std::int64_t>{first, second}));
  EXPECT_EQ(storage().submissions().findById(elsewhere)->submission.verdict,
            model::Verdict::Accepted);
}

TEST_P(RejudgeServiceTest, UnknownTargetsAreNotFoundAndPushNothing) {
  auto missing = service->rejudgeSubmission(987654);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  auto noProblem = service->rejudgeProblem("no-such-problem");
  ASSERT_FALSE(noProblem);
  EXPECT_EQ(noProblem.error().code, ErrorCode::NotFound);
  EXPECT_TRUE(queue->pushed().empty());
}

TEST_P(RejudgeServiceTest, AProblemWithoutSubmissionsRejudgesNothing) {
  auto count = service->rejudgeProblem("other");
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0u);
}

ARENA_STORAGE_BACKENDS(RejudgeServiceTest);

}  // namespace
}  // namespace arena::server::proctor
