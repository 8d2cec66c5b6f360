#include "storage_fixture.hpp"

namespace arena::server::storage::testing {
namespace {

using namespace std::chrono_literals;

class ContestRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_a = makeProblem("contest-a");
    m_b = makeProblem("contest-b");
  }

  ContestRecord sample() {
    ContestRecord record;
    record.contest.name = "Lab Cup";
    record.contest.startsAt = Timestamp{std::chrono::seconds{1'900'000'000}};
    record.contest.durationSeconds = 3 * 3600;
    record.contest.freezeAfterSeconds = 2 * 3600;
    record.contest.rules = model::ContestRules::Icpc;
    record.contest.isPublic = true;
    record.contest.problems = {{m_a, "A", "#ff0000"}, {m_b, "B", ""}};
    record.offlineGraceSeconds = 300;
    record.allowedCidr = "10.1.0.0/16";
    return record;
  }

  std::int64_t m_a = 0;
  std::int64_t m_b = 0;
};

TEST_P(ContestRepositoryTest, CreatesAndReadsBackEverySetting) {
  auto created = storage().contests().create(sample());
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_GT(created->contest.id, 0);
  auto expected = sample();
  expected.contest.id = created->contest.id;
  expected.createdAt = created->createdAt;
  EXPECT_EQ(*created, expected);
  EXPECT_EQ(*storage().contests().findById(created->contest.id), *created);

  auto ioi = sample();
  ioi.contest.rules = model::ContestRules::Ioi;
  ioi.ioiScoring = scoring::IoiScoring::BestSubmission;
  ioi.contest.freezeAfterSeconds.reset();
  ioi.allowedCidr.reset();
  auto second = storage().contests().create(ioi);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->ioiScoring, scoring::IoiScoring::BestSubmission);
  EXPECT_FALSE(second->contest.freezeAfterSeconds.has_value());
  EXPECT_FALSE(second->allowedCidr.has_value());
  EXPECT_EQ(storage().contests().list()->size(), 2u);
}

TEST_P(ContestRepositoryTest, UpdateReplacesSettingsAndProblemOrder) {
  const auto id = storage().contests().create(sample())->contest.id;
  auto changed = sample();
  changed.contest.name = "Lab Cup (final)";
  changed.contest.problems = {{m_b, "A", "#00ff00"}};
  auto updated = storage().contests().update(id, changed);
  ASSERT_TRUE(updated.has_value()) << updated.error().message;
  EXPECT_EQ(updated->contest.name, "Lab Cup (final)");
  ASSERT_EQ(updated->contest.problems.size(), 1u);
  EXPECT_EQ(updated->contest.problems[0], (model::ContestProblem{m_b, "A", "#00ff00"}));
  EXPECT_EQ(storage().contests().update(id + 100, changed).error().code, ErrorCode::NotFound);
}

TEST_P(ContestRepositoryTest, DuplicateLabelsAndUnknownProblemsAreRefusedAndWriteNothing) {
  auto duplicate = sample();
  duplicate.contest.problems = {{m_a, "A", ""}, {m_b, "A", ""}};
  EXPECT_EQ(storage().contests().create(duplicate).error().code, ErrorCode::Conflict);
  duplicate.contest.problems = {{m_a, "A", ""}, {m_a, "B", ""}};
  EXPECT_EQ(storage().contests().create(duplicate).error().code, ErrorCode::Conflict);
  auto unknown = sample();
  unknown.contest.problems = {{m_a, "A", ""}, {m_b + 1000, "B", ""}};
  EXPECT_EQ(storage().contests().create(unknown).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(storage().contests().list()->empty()) << "a failed create must roll back";
}

TEST_P(ContestRepositoryTest, UnfreezeIsRecordedAndCanBeCleared) {
  const auto id = storage().contests().create(sample())->contest.id;
  const Timestamp at{std::chrono::seconds{1'900'020'000}};
  EXPECT_EQ(storage().contests().setUnfrozenAt(id, at)->unfrozenAt, at);
  EXPECT_FALSE(storage().contests().setUnfrozenAt(id, std::nullopt)->unfrozenAt.has_value());
  EXPECT_EQ(storage().contests().setUnfrozenAt(id + 9, at).error().code, ErrorCode::NotFound);
}

TEST_P(ContestRepositoryTest, TeamsGroupUsersAndAUserIsInOneTeamPerContest) {
  const auto id = storage().contests().create(sample())->contest.id;
  const auto ada = makeUser("ada");
  const auto bob = makeUser("bob");
  const auto cy = makeUser("cy");
  auto team = storage().contests().addTeam(id, "Lovelace", {ada, bob});
  ASSERT_TRUE(team.has_value()) << team.error().message;
  EXPECT_EQ(team->name, "Lovelace");
  ASSERT_EQ(team->members.size(), 2u);
  EXPECT_EQ(team->members[0], (ContestMember{ada, "ada"}));

  EXPECT_EQ(storage().contests().addTeam(id, "Other", {bob}).error().code, ErrorCode::Conflict);
  EXPECT_EQ(storage().contests().addTeam(id, "Lovelace", {cy}).error().code, ErrorCode::Conflict);
  EXPECT_EQ(storage().contests().addTeam(id, "Ghost", {cy + 999}).error().code,
            ErrorCode::NotFound);
  EXPECT_EQ(storage().contests().addTeam(id + 50, "Lost", {cy}).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().contests().addTeam(id, "Empty", {}).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(storage().contests().addTeam(id, "Twice", {cy, cy}).error().code,
            ErrorCode::InvalidArgument);
  ASSERT_TRUE(storage().contests().addTeam(id, "cy", {cy}).has_value());

  auto teams = storage().contests().teams(id);
  ASSERT_TRUE(teams.has_value());
  ASSERT_EQ(teams->size(), 2u) << "failed adds must leave no half-made team";
  EXPECT_EQ(*storage().contests().teamOf(id, bob), team->id);
  EXPECT_FALSE(storage().contests().teamOf(id, cy + 999)->has_value());
}

TEST_P(ContestRepositoryTest, SubmissionsOfParticipantsFeedTheBoardWithTheirResults) {
  const auto id = storage().contests().create(sample())->contest.id;
  const auto ada = makeUser("ada");
  const auto outsider = makeUser("outsider");
  const auto team = storage().contests().addTeam(id, "ada", {ada})->id;

  NewSubmission offline{ada, m_a, "cpp17", "int main(){}", std::nullopt, id,
                        Timestamp{std::chrono::seconds{1'900'000'100}}};
  const auto first = storage().submissions().create(offline)->record.submission.id;
  NewSubmission online{ada, m_b, "cpp17", "int main(){}", std::nullopt, id, std::nullopt};
  const auto second = storage().submissions().create(online)->record.submission.id;
  NewSubmission practice{ada, m_b, "cpp17", "int main(){}", std::nullopt, std::nullopt,
                         std::nullopt};
  ASSERT_TRUE(storage().submissions().create(practice).has_value());
  NewSubmission stranger{outsider, m_b, "cpp17", "x", std::nullopt, id, std::nullopt};
  const auto strangers = storage().submissions().create(stranger)->record.submission.id;

  const auto attempt = *storage().submissions().claimForJudging(second);
  JudgeResult result;
  result.verdict = model::Verdict::WrongAnswer;
  result.tests = {{1, model::Verdict::Accepted, 5, 100}, {2, model::Verdict::WrongAnswer, 6, 100}};
  result.judgedAt = Timestamp{std::chrono::seconds{1'900'000'200}};
  ASSERT_TRUE(storage().submissions().recordResult(second, attempt, result).has_value());

  auto all = storage().contests().submissions(id);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 2u) << "practice and non-participant submissions do not count";
  EXPECT_EQ((*all)[0].id, first);
  EXPECT_EQ((*all)[0].teamId, team);
  EXPECT_EQ((*all)[0].countedAt(), Timestamp{std::chrono::seconds{1'900'000'100}});
  EXPECT_FALSE((*all)[0].verdict.has_value());
  EXPECT_EQ((*all)[1].verdict, model::Verdict::WrongAnswer);
  EXPECT_EQ((*all)[1].tests.size(), 2u);
  EXPECT_EQ((*all)[1].countedAt(), (*all)[1].createdAt);

  EXPECT_EQ(storage().contests().findSubmission(second)->problemId, m_b);
  EXPECT_EQ(storage().contests().findSubmission(strangers).error().code, ErrorCode::NotFound);
}

TEST_P(ContestRepositoryTest, TestCountsCoverEveryContestProblem) {
  const auto id = storage().contests().create(sample())->contest.id;
  auto counts = storage().contests().testCounts(id);
  ASSERT_TRUE(counts.has_value()) << counts.error().message;
  EXPECT_EQ(counts->size(), 2u);
  EXPECT_TRUE(counts->contains(m_a));
}

ARENA_STORAGE_BACKENDS(ContestRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
