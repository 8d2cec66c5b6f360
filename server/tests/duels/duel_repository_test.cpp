// SqlDuelRepository on both backends: scheduling, the match window's submissions, one ending with
// its ratings in one transaction, rating series.

#include "features/duels/sql_duel_repository.hpp"

#include <gtest/gtest.h>

#include "duel_fixture.hpp"

namespace arena::server::duels {
namespace {

using namespace std::chrono_literals;
using model::Verdict;

class DuelRepositoryTest : public testing::DuelTest {
 protected:
  void SetUp() override {
    DuelTest::SetUp();
    if (IsSkipped()) return;
    m_ada = makeUser("ada");
    m_bob = makeUser("bob");
    m_problem = makeProblem("duel");
    auto match =
        storage().matches().create({m_ada, m_bob, m_problem, model::MatchStatus::Active, now()});
    ASSERT_TRUE(match.has_value());
    m_match = match->id;
  }

  DuelEnding winBy(std::int64_t winner) {
    return {winner, EndReason::Solved, now(),
            {{m_ada, 1500, 1520, 180.5, 0.0599}, {m_bob, 1500, 1480, 181.25, 0.06001}}};
  }

  std::int64_t m_ada = 0, m_bob = 0, m_problem = 0, m_match = 0;
};

TEST_P(DuelRepositoryTest, AnUnscheduledMatchIsNotAnOpenDuel) {
  auto open = repository().listOpen();
  ASSERT_TRUE(open.has_value());
  EXPECT_TRUE(open->empty());
  auto found = repository().find(m_match);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->endsAt, std::nullopt);
  EXPECT_TRUE(found->rated) << "rated by default";
}

TEST_P(DuelRepositoryTest, ScheduleStoresTheWindowAndTheRatedFlag) {
  auto duel = repository().schedule(m_match, {false, now() + 5s, now() + 5s + 30min});
  ASSERT_TRUE(duel.has_value()) << duel.error().message;
  EXPECT_FALSE(duel->rated);
  EXPECT_EQ(duel->match.startedAt, now() + 5s);
  EXPECT_EQ(duel->endsAt, now() + 5s + 30min);
  EXPECT_EQ(*repository().find(m_match), *duel);
  ASSERT_EQ(repository().listOpen()->size(), 1u);
  EXPECT_EQ(repository().openFor(m_ada, m_problem)->size(), 1u);
  EXPECT_EQ(repository().openFor(m_bob, m_problem)->size(), 1u);
  EXPECT_TRUE(repository().openFor(m_ada, m_problem + 1)->empty());
  EXPECT_TRUE(repository().openFor(m_ada + m_bob + 100, m_problem)->empty());
}

TEST_P(DuelRepositoryTest, ScheduleRefusesUnknownAndEndedMatches) {
  EXPECT_EQ(repository().schedule(987654, {true, now(), now()}).error().code, ErrorCode::NotFound);
  ASSERT_TRUE(repository().schedule(m_match, {true, now(), now() + 1min}).has_value());
  ASSERT_TRUE(repository().end(m_match, {std::nullopt, EndReason::Time, now(), {}}).has_value());
  EXPECT_EQ(repository().schedule(m_match, {true, now(), now()}).error().code,
            ErrorCode::Conflict);
}

TEST_P(DuelRepositoryTest, AttemptsAreTheWindowsSubmissionsInCreationOrder) {
  const Timestamp start = now();
  submit(m_ada, m_problem, start - 1ms, Verdict::Accepted);  // before the window
  const auto a = submit(m_bob, m_problem, start + 2s, Verdict::WrongAnswer);
  const auto b = submit(m_ada, m_problem, start + 1s, std::nullopt);
  const auto c = submit(m_ada, m_problem, start + 2s, Verdict::Accepted);  // same instant as a
  submit(m_ada, m_problem, start + 10s, Verdict::Accepted);                // at the end: outside
  submit(makeUser("eve"), m_problem, start + 3s, Verdict::Accepted);       // not a player
  submit(m_ada, makeProblem("other"), start + 3s, Verdict::Accepted);      // other problem
  auto attempts = repository().attempts(m_problem, {m_ada, m_bob}, start, start + 10s);
  ASSERT_TRUE(attempts.has_value());
  ASSERT_EQ(attempts->size(), 3u);
  EXPECT_EQ((*attempts)[0].id, b);
  EXPECT_EQ((*attempts)[0].status, model::SubmissionStatus::Queued);
  EXPECT_EQ((*attempts)[0].verdict, std::nullopt);
  EXPECT_EQ((*attempts)[1].id, a);  // created together with c, lower id first
  EXPECT_EQ((*attempts)[1].verdict, Verdict::WrongAnswer);
  EXPECT_EQ((*attempts)[2].id, c);
  EXPECT_EQ((*attempts)[2].userId, m_ada);
  EXPECT_EQ((*attempts)[2].createdAt, start + 2s);
}

TEST_P(DuelRepositoryTest, EndingWritesTheResultAndBothRatingsTogether) {
  ASSERT_TRUE(repository().schedule(m_match, {true, now(), now() + 30min}).has_value());
  auto ended = repository().end(m_match, winBy(m_ada));
  ASSERT_TRUE(ended.has_value()) << ended.error().message;
  EXPECT_EQ(ended->match.status, model::MatchStatus::Finished);
  EXPECT_EQ(ended->match.winnerId, m_ada);
  EXPECT_EQ(ended->match.endedAt, now());
  EXPECT_EQ(ended->endReason, EndReason::Solved);
  EXPECT_EQ(account(m_ada).user.rating, 1520);
  EXPECT_DOUBLE_EQ(account(m_ada).ratingDeviation, 180.5);
  EXPECT_DOUBLE_EQ(account(m_bob).volatility, 0.06001);
  auto changes = repository().ratingChanges(m_match);
  ASSERT_TRUE(changes.has_value());
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].userId, m_ada);
  EXPECT_EQ((*changes)[0].previousRating, 1500);
  EXPECT_EQ((*changes)[0].rating, 1520);
  EXPECT_EQ((*changes)[0].matchId, m_match);
  EXPECT_TRUE(repository().listOpen()->empty());
}

TEST_P(DuelRepositoryTest, TheSecondEndingIsAConflictAndChangesNoRating) {
  ASSERT_TRUE(repository().end(m_match, winBy(m_ada)).has_value());
  DuelEnding other = winBy(m_bob);
  other.ratings = {{m_ada, 1520, 1400, 100, 0.05}, {m_bob, 1480, 1600, 100, 0.05}};
  auto again = repository().end(m_match, other);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_EQ(account(m_ada).user.rating, 1520);
  EXPECT_EQ(repository().ratingChanges(m_match)->size(), 2u);
  EXPECT_EQ(repository().find(m_match)->match.winnerId, m_ada);
}

TEST_P(DuelRepositoryTest, EndingRefusesAStrangerAsWinnerAndUnknownMatches) {
  const auto eve = makeUser("eve");
  auto stranger = repository().end(m_match, winBy(eve));
  ASSERT_FALSE(stranger.has_value());
  EXPECT_EQ(stranger.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(repository().find(m_match)->isOpen());
  EXPECT_EQ(account(m_ada).user.rating, 1500);
  EXPECT_EQ(repository().end(987654, winBy(m_ada)).error().code, ErrorCode::NotFound);
}

TEST_P(DuelRepositoryTest, AnUnknownUserInTheRatingsRollsTheEndingBack) {
  DuelEnding ending = winBy(m_ada);
  ending.ratings[1].userId = 987654;
  auto ended = repository().end(m_match, ending);
  ASSERT_FALSE(ended.has_value());
  EXPECT_EQ(ended.error().code, ErrorCode::NotFound);
  EXPECT_TRUE(repository().find(m_match)->isOpen()) << "rolled back with the ratings";
  EXPECT_EQ(account(m_ada).user.rating, 1500);
}

TEST_P(DuelRepositoryTest, RatingHistoryIsOldestFirst) {
  ASSERT_TRUE(repository().end(m_match, winBy(m_ada)).has_value());
  advance(1h);
  auto second =
      storage().matches().create({m_ada, m_bob, m_problem, model::MatchStatus::Active, now()});
  ASSERT_TRUE(second.has_value());
  DuelEnding ending{m_bob, EndReason::Forfeit, now(),
                    {{m_ada, 1520, 1505, 170, 0.06}, {m_bob, 1480, 1495, 170, 0.06}}};
  ASSERT_TRUE(repository().end(second->id, ending).has_value());
  auto history = repository().ratingHistory(m_ada);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].rating, 1520);
  EXPECT_EQ((*history)[1].rating, 1505);
  EXPECT_EQ((*history)[1].previousRating, 1520);
  EXPECT_EQ((*history)[1].changedAt, now());
  EXPECT_TRUE(repository().ratingHistory(987654)->empty());
}

ARENA_STORAGE_BACKENDS(DuelRepositoryTest);

}  // namespace
}  // namespace arena::server::duels
