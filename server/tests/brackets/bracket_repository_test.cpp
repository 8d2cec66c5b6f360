// The bracket repository on both storage backends: a plan written and read back whole, creation
// all-or-nothing, guarded decisions and duel attachment (the first wins), the final crowning the
// champion, lookups by match.

#include <gtest/gtest.h>

#include "features/brackets/sql_bracket_repository.hpp"
#include "storage_fixture.hpp"

namespace arena::server::brackets {
namespace {

class BracketRepositoryTest : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    m_repository = std::make_unique<SqlBracketRepository>(storage().database());
    m_teacher = makeUser("teacher", model::Role::Proctor);
    for (const char* name : {"p1", "p2", "p3"}) m_players.push_back(makeUser(name));
    m_problem = makeProblem("bracket-repo");
  }

  BracketRepository& repository() { return *m_repository; }

  NewBracket threePlayers(const std::string& name = "Lab 3") {
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < m_players.size(); ++i) {
      candidates.push_back({m_players[i], static_cast<std::int32_t>(1700 - 100 * i)});
    }
    auto entrants = seed(candidates);
    EXPECT_TRUE(entrants.has_value());
    return {name, true, m_teacher, m_at, *entrants, {m_problem}, planSlots(*entrants)};
  }

  std::int64_t matchOf(std::int64_t a, std::int64_t b) {
    auto match = storage().matches().create({a, b, m_problem, model::MatchStatus::Active, m_at});
    EXPECT_TRUE(match.has_value());
    return match ? match->id : 0;
  }

  std::unique_ptr<SqlBracketRepository> m_repository;
  std::int64_t m_teacher = 0, m_problem = 0;
  std::vector<std::int64_t> m_players;
  Timestamp m_at = parseTimestamp("2026-03-01T09:00:00Z").value();
};

TEST_P(BracketRepositoryTest, APlanIsWrittenAndReadBackWhole) {
  const NewBracket plan = threePlayers();
  auto created = repository().create(plan);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_GT(created->summary.id, 0);
  EXPECT_EQ(created->summary.name, "Lab 3");
  EXPECT_TRUE(created->summary.rated);
  EXPECT_EQ(created->summary.status, BracketStatus::Running);
  EXPECT_EQ(created->summary.createdBy, m_teacher);
  EXPECT_EQ(created->summary.createdAt, m_at);
  EXPECT_EQ(created->summary.playerCount, 3);
  EXPECT_FALSE(created->summary.championId.has_value());
  ASSERT_EQ(created->entrants.size(), 3u);
  EXPECT_EQ(created->entrants[0].username, "p1");
  EXPECT_EQ(created->entrants[2].seed, 3);
  EXPECT_EQ(created->entrants[2].rating, 1500);
  EXPECT_EQ(created->problems, std::vector<std::int64_t>{m_problem});
  EXPECT_EQ(created->slots, plan.slots) << "byes decided, every slot as planned";
  EXPECT_EQ(created->rounds(), 2);

  auto found = repository().find(created->summary.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->summary, created->summary);
  EXPECT_EQ(found->slots, created->slots);
}

TEST_P(BracketRepositoryTest, ACreateThatFailsWritesNothing) {
  NewBracket plan = threePlayers();
  plan.slots.back().player2 = 987654;  // a user that does not exist: the last insert fails
  auto created = repository().create(plan);
  ASSERT_FALSE(created.has_value());
  auto listed = repository().list();
  ASSERT_TRUE(listed.has_value());
  EXPECT_TRUE(listed->empty());
  auto counted = storage().database().read([](storage::sql::SqlSession& session) {
    return session.query(
        "SELECT (SELECT COUNT(*) FROM bracket_entrants) + (SELECT COUNT(*) FROM bracket_slots) + "
        "(SELECT COUNT(*) FROM bracket_problems)");
  });
  ASSERT_TRUE(counted.has_value());
  EXPECT_EQ(counted->front().int64(0), 0);
}

TEST_P(BracketRepositoryTest, UnknownBracketIsNotFound) {
  auto found = repository().find(12345);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().code, ErrorCode::NotFound);
}

TEST_P(BracketRepositoryTest, ListIsNewestFirstAndRunningIdsLeaveOutFinished) {
  auto first = repository().create(threePlayers("first"));
  auto second = repository().create(threePlayers("second"));
  ASSERT_TRUE(first && second);
  auto listed = repository().list();
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "second");
  EXPECT_EQ((*listed)[1].playerCount, 3);

  // Finish the first: 2 v 3, then the final.
  const std::int64_t id = first->summary.id;
  ASSERT_TRUE(repository().decide(id, 0, 1, m_players[1], Decision::Solved, Seat{1, 0, 2}, m_at));
  auto crowned = repository().decide(id, 1, 0, m_players[0], Decision::Forfeit, std::nullopt, m_at);
  ASSERT_TRUE(crowned.has_value());
  EXPECT_TRUE(*crowned);
  auto running = repository().runningIds();
  ASSERT_TRUE(running.has_value());
  EXPECT_EQ(*running, std::vector<std::int64_t>{second->summary.id});
  auto done = repository().find(id);
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(done->summary.status, BracketStatus::Finished);
  EXPECT_EQ(done->summary.championId, m_players[0]);
  EXPECT_EQ(done->summary.finishedAt, m_at);
}

TEST_P(BracketRepositoryTest, TheFirstDecisionWinsAndSeatsTheWinner) {
  auto created = repository().create(threePlayers());
  ASSERT_TRUE(created.has_value());
  const std::int64_t id = created->summary.id;
  auto first =
      repository().decide(id, 0, 1, m_players[2], Decision::HigherSeed, Seat{1, 0, 2}, m_at);
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(*first);
  auto second = repository().decide(id, 0, 1, m_players[1], Decision::Solved, Seat{1, 0, 2}, m_at);
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(*second) << "already decided: nothing changes";
  auto found = repository().find(id);
  ASSERT_TRUE(found.has_value());
  const Slot& decided = found->slots[1];
  EXPECT_EQ(decided.winnerId, m_players[2]);
  EXPECT_EQ(decided.decidedBy, Decision::HigherSeed);
  EXPECT_EQ(found->slots[2].player1, m_players[0]) << "the bye's winner";
  EXPECT_EQ(found->slots[2].player2, m_players[2]);
  EXPECT_TRUE(found->slots[2].readyToStart());
}

TEST_P(BracketRepositoryTest, AStrangerCannotBeDecidedTheWinner) {
  auto created = repository().create(threePlayers());
  ASSERT_TRUE(created.has_value());
  auto decided = repository().decide(created->summary.id, 0, 1, m_players[0], Decision::Solved,
                                     Seat{1, 0, 2}, m_at);
  ASSERT_TRUE(decided.has_value());
  EXPECT_FALSE(*decided) << "p1 does not play in slot (0, 1)";
}

TEST_P(BracketRepositoryTest, ASlotGetsOneDuelAndIsFoundByIt) {
  auto created = repository().create(threePlayers());
  ASSERT_TRUE(created.has_value());
  const std::int64_t id = created->summary.id;
  const std::int64_t match = matchOf(m_players[1], m_players[2]);
  const std::int64_t duplicate = matchOf(m_players[1], m_players[2]);
  auto attached = repository().attachMatch(id, 0, 1, match);
  ASSERT_TRUE(attached.has_value());
  EXPECT_TRUE(*attached);
  auto again = repository().attachMatch(id, 0, 1, duplicate);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(*again);
  auto bye = repository().attachMatch(id, 0, 0, duplicate);
  ASSERT_TRUE(bye.has_value());
  EXPECT_FALSE(*bye) << "a decided slot gets no duel";

  auto owner = repository().bracketOfMatch(match);
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(*owner, id);
  auto none = repository().bracketOfMatch(duplicate);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  auto found = repository().find(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->slots[1].matchId, match);
}

ARENA_STORAGE_BACKENDS(BracketRepositoryTest);

}  // namespace
}  // namespace arena::server::brackets
