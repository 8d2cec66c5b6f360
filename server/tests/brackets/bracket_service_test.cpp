// The bracket service over real duels on both storage backends: creation (validation, nothing
// half-written, round-0 duels started, byes), advancement as duels end (AC by submission,
// forfeit, draw on time with the draw rule), a whole 4-player bracket to its champion, the
// problem pool, replicas racing, and the tick as a backstop.

#include <gtest/gtest.h>

#include "bracket_fixture.hpp"

namespace arena::server::brackets {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class BracketServiceTest : public testing::BracketTest {
 protected:
  void SetUp() override {
    BracketTest::SetUp();
    if (IsSkipped()) return;
    m_problem = makeProblem("bracket-a");
    m_second = makeProblem("bracket-b");
  }

  // Four players with ratings 1800, 1700, 1600, 1500: seeds 1..4 in that order.
  std::vector<std::int64_t> four() {
    return {player("dan", 1500), player("ann", 1800), player("cat", 1600), player("ben", 1700)};
  }

  std::size_t bracketEvents() { return log().on("brackets", "bracket.changed").size(); }
  std::size_t countMatches() {
    auto rows = storage().database().read([](storage::sql::SqlSession& session) {
      return session.query("SELECT COUNT(*) FROM matches");
    });
    EXPECT_TRUE(rows.has_value());
    return rows ? static_cast<std::size_t>(rows->front().int64(0)) : 0;
  }
  std::size_t countRows(const std::string& table) {
    auto rows = storage().database().read([&](storage::sql::SqlSession& session) {
      return session.query("SELECT COUNT(*) FROM " + table);
    });
    EXPECT_TRUE(rows.has_value());
    return rows ? static_cast<std::size_t>(rows->front().int64(0)) : 0;
  }

  std::int64_t m_problem = 0, m_second = 0;
};

TEST_P(BracketServiceTest, CreatingSeedsByRatingAndStartsTheFirstRound) {
  const auto ids = four();
  const BracketRecord bracket = create(request(ids, {m_problem}));
  ASSERT_EQ(bracket.entrants.size(), 4u);
  EXPECT_EQ(bracket.entrants[0].username, "ann");
  EXPECT_EQ(bracket.entrants[0].seed, 1);
  EXPECT_EQ(bracket.entrants[0].rating, 1800);
  EXPECT_EQ(bracket.entrants[3].username, "dan");
  EXPECT_EQ(bracket.summary.status, BracketStatus::Running);
  EXPECT_FALSE(bracket.summary.rated) << "unrated unless asked";
  EXPECT_EQ(bracket.summary.playerCount, 4);

  const Slot& top = slotAt(bracket, 0, 0);
  EXPECT_EQ(top.player1, ids[1]);  // ann, seed 1
  EXPECT_EQ(top.player2, ids[0]);  // dan, seed 4
  ASSERT_TRUE(top.matchId.has_value());
  const duels::Duel duel = reload(*top.matchId);
  EXPECT_FALSE(duel.rated);
  EXPECT_EQ(duel.match.problemId, m_problem);
  EXPECT_EQ(duel.match.startedAt, now() + 5s) << "the duel's own countdown";
  EXPECT_TRUE(slotAt(bracket, 0, 1).matchId.has_value());
  EXPECT_FALSE(slotAt(bracket, 1, 0).matchId.has_value());
  EXPECT_GE(bracketEvents(), 1u);
}

TEST_P(BracketServiceTest, ARatedBracketPlaysRatedDuels) {
  auto made = request({player("a1"), player("a2")}, {m_problem});
  made.rated = true;
  const BracketRecord bracket = create(made);
  EXPECT_TRUE(bracket.summary.rated);
  EXPECT_TRUE(reload(*slotAt(bracket, 0, 0).matchId).rated);
}

TEST_P(BracketServiceTest, ByesForFivePlayersStartTheSemifinalOfTwoByeWinners) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(player("p" + std::to_string(i), 2000 - 100 * i));
  const BracketRecord bracket = create(request(ids, {m_problem, m_second}));
  EXPECT_EQ(slotAt(bracket, 0, 0).decidedBy, Decision::Bye);
  EXPECT_FALSE(slotAt(bracket, 0, 0).matchId.has_value());
  EXPECT_TRUE(slotAt(bracket, 0, 1).matchId.has_value());  // seeds 4 v 5
  const Slot& semifinal = slotAt(bracket, 1, 1);           // seeds 2 v 3, both byes
  EXPECT_EQ(semifinal.player1, ids[1]);
  EXPECT_EQ(semifinal.player2, ids[2]);
  ASSERT_TRUE(semifinal.matchId.has_value());
  EXPECT_EQ(reload(*semifinal.matchId).match.problemId, m_second) << "round 1 plays the 2nd";
  EXPECT_EQ(countMatches(), 2u);
}

TEST_P(BracketServiceTest, AWholeFourPlayerBracketEndsWithAChampion) {
  const auto ids = four();  // dan 4, ann 1, cat 3, ben 2
  const BracketRecord made = create(request(ids, {m_problem, m_second}));
  const std::int64_t id = made.summary.id;

  winBySubmission(id, 0, 0, ids[0]);  // dan (seed 4) beats ann
  BracketRecord bracket = bracketOf(id);
  EXPECT_EQ(slotAt(bracket, 0, 0).winnerId, ids[0]);
  EXPECT_EQ(slotAt(bracket, 0, 0).decidedBy, Decision::Solved);
  EXPECT_EQ(slotAt(bracket, 1, 0).player1, ids[0]);
  EXPECT_FALSE(slotAt(bracket, 1, 0).matchId.has_value()) << "the final waits for 2 v 3";

  winBySubmission(id, 0, 1, ids[3]);  // ben (seed 2) beats cat
  bracket = bracketOf(id);
  const Slot& final = slotAt(bracket, 1, 0);
  EXPECT_EQ(final.player2, ids[3]);
  ASSERT_TRUE(final.matchId.has_value()) << "both semifinals decided: the final starts";
  EXPECT_EQ(reload(*final.matchId).match.problemId, m_second);
  EXPECT_EQ(bracket.summary.status, BracketStatus::Running);

  winBySubmission(id, 1, 0, ids[3]);
  bracket = bracketOf(id);
  EXPECT_EQ(bracket.summary.status, BracketStatus::Finished);
  EXPECT_EQ(bracket.summary.championId, ids[3]);
  EXPECT_EQ(bracket.summary.finishedAt, now());
  EXPECT_EQ(countMatches(), 3u) << "one duel per slot, no more";
  const auto events = log().on("brackets", "bracket.changed");
  ASSERT_FALSE(events.empty());
  const json last = json::parse(events.back().data);
  EXPECT_EQ(last["bracket_id"], id);
  EXPECT_EQ(last["status"], "finished");
  EXPECT_EQ(last["champion_id"], ids[3]);

  // Nothing moves after the end.
  brackets().tick();
  settle();
  EXPECT_EQ(countMatches(), 3u);
}

TEST_P(BracketServiceTest, AForfeitAdvancesTheOtherPlayer) {
  const auto ids = four();
  const BracketRecord made = create(request(ids, {m_problem}));
  const Slot& top = slotAt(made, 0, 0);
  ASSERT_TRUE(service().forfeit(*top.matchId, ids[1]).has_value());  // ann gives up
  settle();
  const BracketRecord bracket = bracketOf(made.summary.id);
  EXPECT_EQ(slotAt(bracket, 0, 0).winnerId, ids[0]);
  EXPECT_EQ(slotAt(bracket, 0, 0).decidedBy, Decision::Forfeit);
  EXPECT_EQ(slotAt(bracket, 1, 0).player1, ids[0]);
}

TEST_P(BracketServiceTest, ADrawOnTimeGoesToFewerWrongTries) {
  const auto ids = four();
  const BracketRecord made = create(request(ids, {m_problem}));
  const duels::Duel duel = reload(*slotAt(made, 0, 0).matchId);  // ann (1) v dan (4)
  advance(6s);
  submit(ids[1], m_problem, now(), model::Verdict::WrongAnswer);  // ann: 2 wrong
  submit(ids[1], m_problem, now() + 1s, model::Verdict::TimeLimitExceeded);
  submit(ids[0], m_problem, now() + 2s, model::Verdict::WrongAnswer);  // dan: 1 wrong, 1 CE
  submit(ids[0], m_problem, now() + 3s, model::Verdict::CompileError);
  advance(*duel.endsAt - now());
  service().tick();  // the time limit: a draw
  settle();
  ASSERT_FALSE(reload(duel.match.id).match.winnerId.has_value()) << "the duel itself is a draw";
  const BracketRecord bracket = bracketOf(made.summary.id);
  EXPECT_EQ(slotAt(bracket, 0, 0).winnerId, ids[0]) << "fewer wrong tries; CE does not count";
  EXPECT_EQ(slotAt(bracket, 0, 0).decidedBy, Decision::FewerWrongTries);
}

TEST_P(BracketServiceTest, ADrawWithEqualTriesGoesToTheHigherSeed) {
  const auto ids = four();
  const BracketRecord made = create(request(ids, {m_problem}));
  const duels::Duel duel = reload(*slotAt(made, 0, 1).matchId);  // ben (2) v cat (3)
  advance(6s);
  submit(ids[2], m_problem, now(), model::Verdict::WrongAnswer);
  submit(ids[3], m_problem, now() + 1s, model::Verdict::WrongAnswer);
  advance(*duel.endsAt - now());
  service().tick();
  settle();
  const BracketRecord bracket = bracketOf(made.summary.id);
  EXPECT_EQ(slotAt(bracket, 0, 1).winnerId, ids[3]) << "ben is seed 2";
  EXPECT_EQ(slotAt(bracket, 0, 1).decidedBy, Decision::HigherSeed);
}

TEST_P(BracketServiceTest, PlayersMayBeNamedByUsername) {
  player("zoe", 1500);
  player("yan", 1900);
  BracketRequest made;
  made.name = "By name";
  made.players = {{std::nullopt, "zoe"}, {std::nullopt, "yan"}};
  made.problemIds = {m_problem};
  const BracketRecord bracket = create(made);
  ASSERT_EQ(bracket.entrants.size(), 2u);
  EXPECT_EQ(bracket.entrants[0].username, "yan");
}

TEST_P(BracketServiceTest, BadRequestsAreRefusedAndWriteNothing) {
  const auto ids = four();
  const std::int64_t teacher = makeUser("teacher2", model::Role::Proctor);
  auto attempt = [&](BracketRequest made) {
    made.createdBy = teacher;
    auto created = brackets().create(made);
    EXPECT_FALSE(created.has_value());
    return created ? ErrorCode::Internal : created.error().code;
  };
  EXPECT_EQ(attempt(request({ids[0]}, {m_problem})), ErrorCode::InvalidArgument) << "too few";
  EXPECT_EQ(attempt(request({ids[0], ids[1], ids[0]}, {m_problem})), ErrorCode::InvalidArgument);
  auto mixed = request({ids[0]}, {m_problem});
  mixed.players.push_back({std::nullopt, "dan"});  // dan again, by name
  EXPECT_EQ(attempt(mixed), ErrorCode::InvalidArgument);
  EXPECT_EQ(attempt(request({ids[0], 999999}, {m_problem})), ErrorCode::NotFound);
  auto ghost = request({ids[0]}, {m_problem});
  ghost.players.push_back({std::nullopt, "nobody-here"});
  EXPECT_EQ(attempt(ghost), ErrorCode::NotFound);
  EXPECT_EQ(attempt(request({ids[0], ids[1]}, {999999})), ErrorCode::NotFound);
  EXPECT_EQ(attempt(request({ids[0], ids[1]}, {m_problem, m_problem})), ErrorCode::InvalidArgument);
  std::vector<std::int64_t> crowd;
  for (int i = 0; i < 65; ++i) crowd.push_back(player("crowd" + std::to_string(i)));
  EXPECT_EQ(attempt(request(crowd, {m_problem})), ErrorCode::InvalidArgument) << "too many";
  // A player already in a duel cannot join.
  duelOf(ids[2], ids[3], m_problem);
  EXPECT_EQ(attempt(request({ids[0], ids[2]}, {m_problem})), ErrorCode::Conflict);

  for (const char* table : {"brackets", "bracket_entrants", "bracket_problems", "bracket_slots"}) {
    EXPECT_EQ(countRows(table), 0u) << table;
  }
  EXPECT_EQ(countMatches(), 1u) << "only the duel made above";
}

TEST_P(BracketServiceTest, WithoutAPoolTheDuelProblemChoiceAvoidsSolvedProblems) {
  const std::int64_t a = player("sol1", 1500), b = player("sol2", 1500);
  submit(a, m_problem, now() - 1h, model::Verdict::Accepted);  // a has solved the first
  const BracketRecord bracket = create(request({a, b}));
  ASSERT_TRUE(slotAt(bracket, 0, 0).matchId.has_value());
  EXPECT_EQ(reload(*slotAt(bracket, 0, 0).matchId).match.problemId, m_second);
  EXPECT_TRUE(bracket.problems.empty());
}

TEST_P(BracketServiceTest, ABusyPlayersDuelStartsOnALaterTick) {
  const auto ids = four();
  const BracketRecord made = create(request(ids, {m_problem}));
  winBySubmission(made.summary.id, 0, 0, ids[1]);  // ann through to the final
  // ann is pulled into another duel before the final can start.
  const std::int64_t stranger = player("stranger");
  duelOf(ids[1], stranger, m_second);
  winBySubmission(made.summary.id, 0, 1, ids[3]);
  EXPECT_FALSE(slotAt(bracketOf(made.summary.id), 1, 0).matchId.has_value())
      << "ann is in another duel: the final waits";
  // The stray duel ends; the next tick starts the final.
  const auto open = repository().listOpen();
  ASSERT_TRUE(open.has_value());
  for (const duels::Duel& duel : *open) {
    if (duel.isPlayer(stranger)) {
      ASSERT_TRUE(service().forfeit(duel.match.id, stranger).has_value());
    }
  }
  settle();
  brackets().tick();
  EXPECT_TRUE(slotAt(bracketOf(made.summary.id), 1, 0).matchId.has_value());
}

TEST_P(BracketServiceTest, TwoReplicasReconcilingAtOnceStartEachDuelOnce) {
  const auto ids = four();
  const BracketRecord made = create(request(ids, {m_problem}));
  auto other = makeBracketService();
  // Both hear the same match.finished; both reconcile.
  winBySubmission(made.summary.id, 0, 0, ids[1]);
  winBySubmission(made.summary.id, 0, 1, ids[2]);
  other->runPending();
  ASSERT_TRUE(other->reconcile(made.summary.id).has_value());
  ASSERT_TRUE(brackets().reconcile(made.summary.id).has_value());
  other->tick();
  settle();
  EXPECT_EQ(countMatches(), 3u);
  const BracketRecord bracket = bracketOf(made.summary.id);
  EXPECT_EQ(slotAt(bracket, 1, 0).player1, ids[1]);
  EXPECT_EQ(slotAt(bracket, 1, 0).player2, ids[2]);
}

TEST_P(BracketServiceTest, TheTickCatchesUpWithoutTheEvent) {
  const auto ids = four();
  const BracketRecord made = create(request(ids, {m_problem}));
  const Slot top = slotAt(made, 0, 0);
  // The duel ends, but this replica's bracket thread never hears of it.
  auto deaf = std::make_unique<BracketService>(
      BracketDeps{bracketRepository(), service(), repository(), storage().matches(),
                  storage().users(), storage().problems(), storage().submissions(), bus()},
      [this] { return now(); });
  ASSERT_TRUE(service().forfeit(*top.matchId, ids[0]).has_value());
  service().runPending();
  EXPECT_FALSE(slotAt(bracketOf(made.summary.id), 0, 0).winnerId.has_value());
  deaf->tick();
  EXPECT_EQ(slotAt(bracketOf(made.summary.id), 0, 0).winnerId, ids[1]);
}

TEST_P(BracketServiceTest, UnknownBracketIsNotFound) {
  auto found = brackets().find(424242);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::NotFound);
}

ARENA_STORAGE_BACKENDS(BracketServiceTest);

}  // namespace
}  // namespace arena::server::brackets
