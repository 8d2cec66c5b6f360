#include <chrono>
#include <set>
#include <thread>
#include <vector>

#include "storage_fixture.hpp"
#include "tricky_strings.hpp"

namespace arena::server::storage::testing {
namespace {

using namespace std::chrono_literals;

class SubmissionRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_user = makeUser("coder");
    m_problem = makeProblem("a-plus-b");
  }

  NewSubmission submission(std::optional<std::string> clientId = std::nullopt) {
    return {m_user, m_problem, "cpp17", "int main() { return 0; }", std::move(clientId)};
  }

  std::int64_t create() {
    auto created = storage().submissions().create(submission());
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return created ? created->record.submission.id : 0;
  }

  static JudgeResult accepted() {
    return {model::Verdict::Accepted,
            15,
            2048,
            {{1, model::Verdict::Accepted, 10, 1024}, {2, model::Verdict::Accepted, 15, 2048}},
            Timestamp{std::chrono::milliseconds{1'780'000'000'000}},
            std::nullopt};
  }

  std::int64_t m_user = 0;
  std::int64_t m_problem = 0;
};

TEST_P(SubmissionRepositoryTest, CreatesWithPayloadAndReadsBack) {
  auto created = storage().submissions().create(submission("client-1"));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_TRUE(created->created);
  const auto& record = created->record;
  EXPECT_GT(record.submission.id, 0);
  EXPECT_EQ(record.submission.status, model::SubmissionStatus::Queued);
  EXPECT_FALSE(record.submission.verdict.has_value());
  auto found = storage().submissions().findById(record.submission.id);
  ASSERT_TRUE(found.has_value()) << found.error().message;
  EXPECT_EQ(*found, record);
  EXPECT_EQ(found->submission.code, "int main() { return 0; }");
  EXPECT_EQ(found->clientId, "client-1");
}

TEST_P(SubmissionRepositoryTest, UnknownSubmissionOrReferencesAreNotFound) {
  EXPECT_EQ(storage().submissions().findById(555555).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().submissions().claimForJudging(555555).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().submissions().recordResult(555555, 1, accepted()).error().code,
            ErrorCode::NotFound);
  auto orphan = submission();
  orphan.problemId = 777777;
  auto created = storage().submissions().create(orphan);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::NotFound);
}

TEST_P(SubmissionRepositoryTest, TheSameClientIdReturnsTheFirstSubmission) {
  auto first = storage().submissions().create(submission("desktop-42"));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  auto retry = submission("desktop-42");
  retry.code = "a retry that must not be stored";
  auto second = storage().submissions().create(retry);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->record.submission.id, first->record.submission.id);
  EXPECT_EQ(second->record.submission.code, "int main() { return 0; }");

  // Without a client id, or with another user's, nothing collides.
  EXPECT_TRUE(storage().submissions().create(submission())->created);
  EXPECT_TRUE(storage().submissions().create(submission())->created);
  auto otherUser = submission("desktop-42");
  otherUser.userId = makeUser("someone-else");
  EXPECT_TRUE(storage().submissions().create(otherUser)->created);
  EXPECT_EQ(storage().submissions().listByUser(m_user, std::nullopt, 100)->items.size(), 3U);
}

TEST_P(SubmissionRepositoryTest, RecordsAResultOnceForTheCurrentAttempt) {
  const auto id = create();
  auto attempt = storage().submissions().claimForJudging(id);
  ASSERT_TRUE(attempt.has_value()) << attempt.error().message;
  EXPECT_EQ(storage().submissions().findById(id)->submission.status,
            model::SubmissionStatus::Compiling);
  EXPECT_EQ(storage().submissions().markRunning(id, *attempt), true);
  EXPECT_EQ(storage().submissions().findById(id)->submission.status,
            model::SubmissionStatus::Running);

  EXPECT_EQ(storage().submissions().recordResult(id, *attempt, accepted()),
            RecordOutcome::Recorded);
  auto judged = storage().submissions().findById(id);
  ASSERT_TRUE(judged.has_value());
  EXPECT_EQ(judged->submission.status, model::SubmissionStatus::Judged);
  EXPECT_EQ(judged->submission.verdict, model::Verdict::Accepted);
  EXPECT_EQ(judged->submission.execTimeMs, 15);
  EXPECT_EQ(judged->submission.memoryKb, 2048);
  EXPECT_EQ(judged->submission.tests, accepted().tests);
  EXPECT_EQ(judged->judgedAt, accepted().judgedAt);

  // The same result delivered again, or a different one, changes nothing.
  auto wrong = accepted();
  wrong.verdict = model::Verdict::WrongAnswer;
  wrong.tests.clear();
  EXPECT_EQ(storage().submissions().recordResult(id, *attempt, accepted()),
            RecordOutcome::AlreadyJudged);
  EXPECT_EQ(storage().submissions().recordResult(id, *attempt, wrong),
            RecordOutcome::AlreadyJudged);
  EXPECT_EQ(*storage().submissions().findById(id), *judged);
  EXPECT_EQ(storage().submissions().claimForJudging(id).error().code, ErrorCode::Conflict);
  EXPECT_EQ(storage().submissions().markRunning(id, *attempt), false);
}

TEST_P(SubmissionRepositoryTest, TheResultsEventIsWrittenWithItAndOnlyThen) {
  const auto id = create();
  const auto attempt = storage().submissions().claimForJudging(id);
  ASSERT_TRUE(attempt.has_value());
  auto result = accepted();
  result.event = AnalyticsEvent{.type = "verdict",
                                .occurredAt = result.judgedAt,
                                .userId = m_user,
                                .metadata = {{"submission_id", id}}};
  const auto verdictEvents = [&] {
    auto events = storage().analytics().query({"verdict", Timestamp{}, result.judgedAt + 1h, 100});
    EXPECT_TRUE(events.has_value());
    return events ? events->size() : 0;
  };

  EXPECT_EQ(storage().submissions().recordResult(id, *attempt, result), RecordOutcome::Recorded);
  EXPECT_EQ(verdictEvents(), 1U);
  // A second delivery of the same job (a reclaimed lease) writes neither the result nor the event.
  EXPECT_EQ(storage().submissions().recordResult(id, *attempt, result),
            RecordOutcome::AlreadyJudged);
  EXPECT_EQ(verdictEvents(), 1U);

  // An event that cannot be stored takes its result with it: the submission stays unjudged.
  const auto other = create();
  const auto otherAttempt = storage().submissions().claimForJudging(other);
  ASSERT_TRUE(otherAttempt.has_value());
  auto broken = accepted();
  broken.event = AnalyticsEvent{};  // no type: refused
  EXPECT_FALSE(storage().submissions().recordResult(other, *otherAttempt, broken).has_value());
  EXPECT_EQ(storage().submissions().findById(other)->submission.status,
            model::SubmissionStatus::Compiling);
  EXPECT_EQ(verdictEvents(), 1U);
}

TEST_P(SubmissionRepositoryTest, AnAbandonedAttemptCannotWrite) {
  const auto id = create();
  const auto first = storage().submissions().claimForJudging(id);
  const auto second =
      storage().submissions().claimForJudging(id);  // the lease ran out; re-delivered
  ASSERT_TRUE(first && second);
  EXPECT_GT(*second, *first);
  EXPECT_EQ(storage().submissions().markRunning(id, *first), false);
  auto late = accepted();
  late.verdict = model::Verdict::TimeLimitExceeded;
  EXPECT_EQ(storage().submissions().recordResult(id, *first, late), RecordOutcome::StaleAttempt);
  EXPECT_EQ(storage().submissions().findById(id)->submission.status,
            model::SubmissionStatus::Compiling);
  EXPECT_EQ(storage().submissions().recordResult(id, *second, accepted()), RecordOutcome::Recorded);
  EXPECT_EQ(storage().submissions().findById(id)->submission.verdict, model::Verdict::Accepted);
}

TEST_P(SubmissionRepositoryTest, ListsUnfinishedSubmissionsForRequeueing) {
  const auto queued = create();
  const auto compiling = create();
  const auto running = create();
  const auto judged = create();
  ASSERT_TRUE(storage().submissions().claimForJudging(compiling));
  const auto attempt = storage().submissions().claimForJudging(running);
  ASSERT_TRUE(storage().submissions().markRunning(running, *attempt));
  const auto judgedAttempt = storage().submissions().claimForJudging(judged);
  ASSERT_EQ(storage().submissions().recordResult(judged, *judgedAttempt, accepted()),
            RecordOutcome::Recorded);

  auto unfinished = storage().submissions().listUnfinished();
  ASSERT_TRUE(unfinished.has_value()) << unfinished.error().message;
  std::vector<std::int64_t> ids;
  for (const auto& record : *unfinished) ids.push_back(record.submission.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{queued, compiling, running}));
}

TEST_P(SubmissionRepositoryTest, PagesNewestFirstWithoutGapsOrRepeats) {
  std::vector<std::int64_t> created;
  for (int i = 0; i < 7; ++i) created.push_back(create());
  std::vector<std::int64_t> seen;
  std::optional<SubmissionCursor> cursor;
  int pages = 0;
  do {
    auto page = storage().submissions().listByUser(m_user, cursor, 3);
    ASSERT_TRUE(page.has_value()) << page.error().message;
    ++pages;
    for (const auto& record : page->items) {
      seen.push_back(record.submission.id);
      EXPECT_TRUE(record.submission.code.empty()) << "pages carry no code";
    }
    cursor = page->next;
  } while (cursor && pages < 10);
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, (std::vector<std::int64_t>(created.rbegin(), created.rend())));
  EXPECT_TRUE(storage().submissions().listByUser(makeUser("idle"), std::nullopt, 3)->items.empty());
}

TEST_P(SubmissionRepositoryTest, ConcurrentWritersAllSucceed) {
  // Two Storage objects on the same database, as two processes would be; four threads each.
  auto other = openAgain();
  ASSERT_NE(other, nullptr);
  constexpr int kThreads = 8;
  constexpr int kEach = 10;
  std::vector<std::vector<Result<CreatedSubmission>>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Storage& target = t % 2 == 0 ? storage() : *other;
      for (int i = 0; i < kEach; ++i) {
        // Every thread also re-sends one shared client id: exactly one submission must come of it.
        auto clientId =
            i == 0 ? std::string{"shared"} : "t" + std::to_string(t) + "-" + std::to_string(i);
        results[static_cast<std::size_t>(t)].push_back(
            target.submissions().create(submission(clientId)));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  std::set<std::int64_t> ids;
  int created = 0;
  for (const auto& perThread : results) {
    for (const auto& result : perThread) {
      ASSERT_TRUE(result.has_value()) << result.error().message;
      ids.insert(result->record.submission.id);
      created += result->created ? 1 : 0;
    }
  }
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * (kEach - 1) + 1));
  EXPECT_EQ(created, kThreads * (kEach - 1) + 1);
  EXPECT_EQ(storage().submissions().listByUser(m_user, std::nullopt, 500)->items.size(),
            ids.size());
}

TEST_P(SubmissionRepositoryTest, TrickyStringsRoundTripVerbatim) {
  int n = 0;
  for (const auto tricky : kTrickyStrings) {
    const std::string text{tricky};
    auto created =
        storage().submissions().create({m_user, m_problem, text, text, text + std::to_string(n++)});
    ASSERT_TRUE(created.has_value()) << created.error().message;
    auto found = storage().submissions().findById(created->record.submission.id);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->submission.code, text);
    EXPECT_EQ(found->submission.language, text);
    EXPECT_EQ(found->clientId, created->record.clientId);
  }
}

ARENA_STORAGE_BACKENDS(SubmissionRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
