// The duel lifecycle on both storage backends with a hand-moved clock: win, draw on time, forfeit,
// disconnect, the same-second tie, a second replica's duplicate ending, Glicko-2 ratings.

#include "features/duels/duel_service.hpp"

#include <cmath>

#include <gtest/gtest.h>

#include "duel_fixture.hpp"

namespace arena::server::duels {
namespace {

using namespace std::chrono_literals;
using model::Verdict;
using nlohmann::json;

class DuelServiceTest : public testing::DuelTest {
 protected:
  void SetUp() override {
    DuelTest::SetUp();
    if (IsSkipped()) return;
    m_ada = player("ada", 1500, 200.0);
    m_bob = player("bob", 1400, 30.0);
    m_problem = makeProblem("duel");
  }

  // Publishes the verdict as the judge would, then lets the duel thread's work run.
  void verdict(std::int64_t id, std::int64_t user, Verdict v) {
    announceVerdict(id, user, m_problem, v);
    service().runPending();
  }

  std::int64_t m_ada = 0, m_bob = 0, m_problem = 0;
};

TEST_P(DuelServiceTest, ScheduleSetsTheCountdownAndTheTimeLimit) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  EXPECT_EQ(duel.match.startedAt, now() + 5s);
  EXPECT_EQ(duel.endsAt, now() + 5s + 30min);
  EXPECT_TRUE(duel.rated);
  auto view = service().view(duel.match.id, m_ada, false);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->state, DuelState::Countdown);
  advance(5s);
  EXPECT_EQ(service().view(duel.match.id, m_ada, false)->state, DuelState::Active);
}

TEST_P(DuelServiceTest, StartedIsAnnouncedOnceWhenTheCountdownEnds) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  const std::string channel = matchChannel(duel.match.id);
  service().tick();
  EXPECT_TRUE(log().on(channel, "match.started").empty());
  advance(5s);
  service().tick();
  service().tick();
  ASSERT_EQ(log().on(channel, "match.started").size(), 1u);
  EXPECT_EQ(log().on("user:" + std::to_string(m_ada), "match.started").size(), 1u);
  EXPECT_EQ(log().on("user:" + std::to_string(m_bob), "match.started").size(), 1u);
  const json data = json::parse(log().on(channel, "match.started")[0].data);
  EXPECT_EQ(data["problem_id"], m_problem);
  EXPECT_EQ(data["match_id"], duel.match.id);
}

TEST_P(DuelServiceTest, FirstAcceptedSubmissionWinsAndBothRatingsMoveByGlicko2) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(10s);
  const auto wrong = submit(m_ada, m_problem, now() - 2s, Verdict::WrongAnswer);
  verdict(wrong, m_ada, Verdict::WrongAnswer);
  EXPECT_TRUE(reload(duel.match.id).isOpen()) << "a wrong answer does not end the duel";
  const auto progress = log().on(matchChannel(duel.match.id), "match.progress");
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(json::parse(progress[0].data),
            json({{"match_id", duel.match.id}, {"user_id", m_ada}, {"tries", 1},
                  {"last_verdict", "WA"}}));

  const auto right = submit(m_ada, m_problem, now(), Verdict::Accepted);
  verdict(right, m_ada, Verdict::Accepted);

  const Duel ended = reload(duel.match.id);
  EXPECT_EQ(ended.match.status, model::MatchStatus::Finished);
  EXPECT_EQ(ended.match.winnerId, m_ada);
  EXPECT_EQ(ended.endReason, EndReason::Solved);

  auto expected = rating::rateDuel({1500, 200, 0.06}, {1400, 30, 0.06}, 1.0);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(account(m_ada).user.rating, std::lround(expected->first.rating));
  EXPECT_EQ(account(m_bob).user.rating, std::lround(expected->second.rating));
  EXPECT_NEAR(account(m_ada).ratingDeviation, expected->first.deviation, 1e-9);
  EXPECT_NEAR(account(m_bob).volatility, expected->second.volatility, 1e-9);
  EXPECT_GT(account(m_ada).user.rating, 1500);
  EXPECT_LT(account(m_bob).user.rating, 1400);

  auto history = repository().ratingHistory(m_ada);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 2u);  // the fixture's starting rating, then the duel
  EXPECT_EQ(history->back().matchId, duel.match.id);
  EXPECT_EQ(history->back().previousRating, 1500);
  EXPECT_EQ(ratingsChanged(), 1);

  const auto finished = log().on(matchChannel(duel.match.id), "match.finished");
  ASSERT_EQ(finished.size(), 1u);
  const json data = json::parse(finished[0].data);
  EXPECT_EQ(data["winner_id"], m_ada);
  EXPECT_EQ(data["reason"], "solved");
  ASSERT_EQ(data["rating_changes"].size(), 2u);
  EXPECT_EQ(data["rating_changes"][0]["user_id"], m_ada);
  EXPECT_EQ(data["rating_changes"][0]["previous_rating"], 1500);
  EXPECT_EQ(data["rating_changes"][0]["delta"],
            std::lround(expected->first.rating) - 1500);
  EXPECT_EQ(log().on("user:" + std::to_string(m_ada), "match.finished").size(), 1u);
  EXPECT_EQ(log().on("user:" + std::to_string(m_bob), "match.finished").size(), 1u);
}

TEST_P(DuelServiceTest, SubmissionsMadeDuringTheCountdownDoNotCount) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(2s);  // still counting down
  const auto early = submit(m_ada, m_problem, now(), Verdict::Accepted);
  verdict(early, m_ada, Verdict::Accepted);
  advance(10s);
  verdict(early, m_ada, Verdict::Accepted);  // a replayed event after the start changes nothing
  EXPECT_TRUE(reload(duel.match.id).isOpen());
  auto view = service().view(duel.match.id, m_bob, false);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->players[0].tries, 0);
}

TEST_P(DuelServiceTest, AcceptedOnAnotherProblemDoesNotCount) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  const auto other = makeProblem("other");
  advance(10s);
  const auto id = submit(m_ada, other, now(), Verdict::Accepted);
  announceVerdict(id, m_ada, other, Verdict::Accepted);
  service().runPending();
  EXPECT_TRUE(reload(duel.match.id).isOpen());
}

TEST_P(DuelServiceTest, NobodySolvingByTheTimeLimitIsADraw) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(5s + 30min - 1ms);
  service().tick();
  EXPECT_TRUE(reload(duel.match.id).isOpen());
  advance(1ms);
  service().tick();
  const Duel ended = reload(duel.match.id);
  EXPECT_EQ(ended.match.status, model::MatchStatus::Finished);
  EXPECT_EQ(ended.match.winnerId, std::nullopt);
  EXPECT_EQ(ended.endReason, EndReason::Time);
  auto expected = rating::rateDuel({1500, 200, 0.06}, {1400, 30, 0.06}, 0.5);
  EXPECT_EQ(account(m_ada).user.rating, std::lround(expected->first.rating));
  EXPECT_EQ(account(m_bob).user.rating, std::lround(expected->second.rating));
  const json data =
      json::parse(log().on(matchChannel(duel.match.id), "match.finished").at(0).data);
  EXPECT_TRUE(data["winner_id"].is_null());
  EXPECT_EQ(data["reason"], "time");
}

TEST_P(DuelServiceTest, ASubmissionMadeInTimeIsJudgedBeforeTheDrawIsDeclared) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(5s + 30min - 1s);
  const auto late = submit(m_bob, m_problem, now(), std::nullopt);  // still queued
  advance(2s);
  service().tick();
  EXPECT_TRUE(reload(duel.match.id).isOpen()) << "bob's submission may still be accepted";
  judge(late, Verdict::Accepted);
  verdict(late, m_bob, Verdict::Accepted);
  EXPECT_EQ(reload(duel.match.id).match.winnerId, m_bob);
}

TEST_P(DuelServiceTest, AJudgeThatNeverAnswersStillEndsInADrawAfterTheJudgingGrace) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(10s);
  submit(m_bob, m_problem, now(), std::nullopt);
  advance(30min + 2min);
  service().tick();
  const Duel ended = reload(duel.match.id);
  EXPECT_FALSE(ended.isOpen());
  EXPECT_EQ(ended.match.winnerId, std::nullopt);
}

TEST_P(DuelServiceTest, BothAcceptedInTheSameSecondTheEarlierSubmissionWins) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(60s);
  // Bob submitted 300 ms before Ada, but Ada's verdict reaches the service first.
  const auto bobs = submit(m_bob, m_problem, now() - 500ms, Verdict::Accepted);
  const auto adas = submit(m_ada, m_problem, now() - 200ms, Verdict::Accepted);
  verdict(adas, m_ada, Verdict::Accepted);
  verdict(bobs, m_bob, Verdict::Accepted);
  const Duel ended = reload(duel.match.id);
  EXPECT_EQ(ended.match.winnerId, m_bob);
  EXPECT_EQ(log().on(matchChannel(duel.match.id), "match.finished").size(), 1u);
}

TEST_P(DuelServiceTest, BothAcceptedAtTheSameInstantTheLowerIdWins) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(60s);
  const auto first = submit(m_ada, m_problem, now(), Verdict::Accepted);
  const auto second = submit(m_bob, m_problem, now(), Verdict::Accepted);
  ASSERT_LT(first, second);
  verdict(second, m_bob, Verdict::Accepted);
  EXPECT_EQ(reload(duel.match.id).match.winnerId, m_ada);
}

TEST_P(DuelServiceTest, AnEarlierSubmissionStillBeingJudgedIsWaitedFor) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(60s);
  const auto adas = submit(m_ada, m_problem, now() - 1s, std::nullopt);
  const auto bobs = submit(m_bob, m_problem, now(), Verdict::Accepted);
  verdict(bobs, m_bob, Verdict::Accepted);
  EXPECT_TRUE(reload(duel.match.id).isOpen());
  judge(adas, Verdict::Accepted);
  verdict(adas, m_ada, Verdict::Accepted);
  EXPECT_EQ(reload(duel.match.id).match.winnerId, m_ada);
}

TEST_P(DuelServiceTest, ForfeitGivesTheOpponentTheWinOnce) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(10s);
  auto view = service().forfeit(duel.match.id, m_ada);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->state, DuelState::Finished);
  EXPECT_EQ(view->duel.match.winnerId, m_bob);
  EXPECT_EQ(view->duel.endReason, EndReason::Forfeit);
  EXPECT_EQ(view->ratingChanges.size(), 2u);
  EXPECT_LT(account(m_ada).user.rating, 1500);

  auto again = service().forfeit(duel.match.id, m_bob);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_EQ(reload(duel.match.id).match.winnerId, m_bob);
}

TEST_P(DuelServiceTest, OnlyPlayersMayForfeitOrSeeAMatch) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  const auto eve = player("eve");
  EXPECT_EQ(service().forfeit(duel.match.id, eve).error().code, ErrorCode::NotFound);
  EXPECT_EQ(service().view(duel.match.id, eve, false).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(service().view(duel.match.id, eve, true).has_value()) << "proctors see every match";
  EXPECT_EQ(service().forfeit(987654, m_ada).error().code, ErrorCode::NotFound);
  EXPECT_TRUE(reload(duel.match.id).isOpen());
}

class PresenceTest : public DuelServiceTest {
 protected:
  // The hub's report; the service publishes it on the bus and hears it back.
  void presence(std::int64_t user, int delta) {
    service().presenceChanged(user, delta);
    service().runPending();
    service().runPending();
  }
};

TEST_P(PresenceTest, DisconnectLongerThanTheGraceForfeits) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  presence(m_ada, +1);
  presence(m_bob, +1);
  advance(10s);
  presence(m_ada, -1);
  advance(29s);
  service().tick();
  EXPECT_TRUE(reload(duel.match.id).isOpen());
  advance(1s);
  service().tick();
  const Duel ended = reload(duel.match.id);
  EXPECT_EQ(ended.match.winnerId, m_bob);
  EXPECT_EQ(ended.endReason, EndReason::Disconnect);
  const json data =
      json::parse(log().on(matchChannel(duel.match.id), "match.finished").at(0).data);
  EXPECT_EQ(data["reason"], "disconnect");
}

TEST_P(PresenceTest, ReconnectingWithinTheGraceKeepsTheMatch) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  presence(m_ada, +1);
  advance(10s);
  presence(m_ada, -1);
  advance(20s);
  presence(m_ada, +1);
  advance(20s);
  service().tick();
  EXPECT_TRUE(reload(duel.match.id).isOpen());
}

TEST_P(PresenceTest, OneOfTwoConnectionsClosingIsNotADisconnect) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  presence(m_ada, +1);
  presence(m_ada, +1);
  presence(m_ada, -1);
  advance(5min);
  service().tick();
  EXPECT_TRUE(reload(duel.match.id).isOpen());
}

TEST_P(PresenceTest, AConnectionOnAnotherReplicaKeepsThePlayerPresent) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  const json elsewhere = {{"user_id", m_ada}, {"replica", "replica-b"}, {"connections", 1}};
  bus().publish({std::string(kPresenceChannel), "presence.changed", elsewhere.dump()});
  presence(m_ada, +1);
  presence(m_ada, -1);
  advance(5min);
  service().tick();
  EXPECT_TRUE(reload(duel.match.id).isOpen());
}

TEST_P(PresenceTest, APlayerWhoNeverConnectedIsNotForfeited) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(10min);
  service().tick();
  EXPECT_TRUE(reload(duel.match.id).isOpen());
}

// The other replica read the duel as open just before this one ended it: what it reads is frozen
// at that moment, so its ending reaches the database and must lose there.
class FrozenOpenDuels final : public DuelRepository {
 public:
  explicit FrozenOpenDuels(DuelRepository& real) : m_real(real) {}
  void freeze() { m_frozen = *m_real.listOpen(); }

  Result<Duel> schedule(std::int64_t id, const DuelSchedule& s) override {
    return m_real.schedule(id, s);
  }
  Result<Duel> find(std::int64_t id) override { return m_real.find(id); }
  Result<std::vector<Duel>> listOpen() override { return m_frozen; }
  Result<std::vector<Duel>> openFor(std::int64_t, std::int64_t) override { return m_frozen; }
  Result<std::vector<Attempt>> attempts(std::int64_t problem, std::array<std::int64_t, 2> players,
                                        Timestamp from, Timestamp to) override {
    return m_real.attempts(problem, players, from, to);
  }
  Result<Duel> end(std::int64_t id, const DuelEnding& ending) override {
    ++ends;
    auto ended = m_real.end(id, ending);
    if (!ended) lastError = ended.error().code;
    return ended;
  }
  Result<std::vector<RatingPoint>> ratingHistory(std::int64_t id) override {
    return m_real.ratingHistory(id);
  }
  Result<std::vector<RatingPoint>> ratingChanges(std::int64_t id) override {
    return m_real.ratingChanges(id);
  }

  int ends = 0;
  std::optional<ErrorCode> lastError;

 private:
  DuelRepository& m_real;
  std::vector<Duel> m_frozen;
};

TEST_P(DuelServiceTest, ASecondReplicasDuplicateEndingChangesNothing) {
  FrozenOpenDuels stale(repository());
  auto replicaB = makeService("replica-b", &stale);
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  stale.freeze();
  advance(10s);
  const auto id = submit(m_ada, m_problem, now(), Verdict::Accepted);
  announceVerdict(id, m_ada, m_problem, Verdict::Accepted);  // both replicas hear it
  service().runPending();
  const auto ratingAfterFirst = account(m_ada).user.rating;
  replicaB->runPending();
  EXPECT_EQ(stale.ends, 1) << "replica B tried to end it too";
  EXPECT_EQ(stale.lastError, ErrorCode::Conflict);
  EXPECT_EQ(account(m_ada).user.rating, ratingAfterFirst) << "rated once, not twice";
  EXPECT_EQ(ratingsChanged(), 1);
  EXPECT_EQ(log().on(matchChannel(duel.match.id), "match.finished").size(), 1u);
  auto changes = repository().ratingChanges(duel.match.id);
  ASSERT_TRUE(changes.has_value());
  EXPECT_EQ(changes->size(), 2u);
}

TEST_P(DuelServiceTest, AnUnratedLabDuelLeavesRatingsAlone) {
  auto created = service().create({m_ada, m_bob, m_problem, false});
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_FALSE(created->rated);
  advance(10s);
  const auto id = submit(m_bob, m_problem, now(), Verdict::Accepted);
  verdict(id, m_bob, Verdict::Accepted);
  EXPECT_EQ(reload(created->match.id).match.winnerId, m_bob);
  EXPECT_EQ(account(m_ada).user.rating, 1500);
  EXPECT_EQ(account(m_bob).user.rating, 1400);
  EXPECT_EQ(ratingsChanged(), 0);
  const json data =
      json::parse(log().on(matchChannel(created->match.id), "match.finished").at(0).data);
  EXPECT_EQ(data["rated"], false);
  EXPECT_TRUE(data["rating_changes"].empty());
}

TEST_P(DuelServiceTest, CreateRefusesBadPairs) {
  EXPECT_EQ(service().create({m_ada, m_ada, m_problem, false}).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(service().create({m_ada, 987654, m_problem, false}).error().code, ErrorCode::NotFound);
  EXPECT_EQ(service().create({m_ada, m_bob, 987654, false}).error().code, ErrorCode::NotFound);
  ASSERT_TRUE(service().create({m_ada, m_bob, m_problem, false}).has_value());
  const auto eve = player("eve");
  EXPECT_EQ(service().create({eve, m_bob, m_problem, false}).error().code, ErrorCode::Conflict)
      << "bob is already in an open duel";
}

TEST_P(DuelServiceTest, TheViewShowsTriesAndVerdictsInOrder) {
  const Duel duel = duelOf(m_ada, m_bob, m_problem);
  advance(10s);
  submit(m_ada, m_problem, now() - 3s, Verdict::WrongAnswer);
  submit(m_ada, m_problem, now() - 2s, Verdict::TimeLimitExceeded);
  submit(m_ada, m_problem, now() - 1s, std::nullopt);
  auto view = service().view(duel.match.id, m_bob, false);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->state, DuelState::Active);
  EXPECT_EQ(view->players[0].username, "ada");
  EXPECT_EQ(view->players[0].tries, 3);
  EXPECT_EQ(view->players[0].verdicts,
            (std::vector<std::optional<Verdict>>{Verdict::WrongAnswer, Verdict::TimeLimitExceeded,
                                                 std::nullopt}));
  EXPECT_FALSE(view->players[0].solved);
  EXPECT_EQ(view->players[1].tries, 0);
  EXPECT_EQ(view->players[1].rating, 1400);
}

ARENA_STORAGE_BACKENDS(DuelServiceTest);
ARENA_STORAGE_BACKENDS(PresenceTest);

}  // namespace
}  // namespace arena::server::duels
