#include "storage_fixture.hpp"

namespace arena::server::storage::testing {
namespace {

class MatchRepositoryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_p1 = makeUser("p1");
    m_p2 = makeUser("p2");
    m_problem = makeProblem("duel");
  }
  NewMatch newMatch() {
    return {m_p1, m_p2, m_problem, model::MatchStatus::Active,
            Timestamp{std::chrono::seconds{1'800'000'000}}};
  }

  std::int64_t m_p1 = 0;
  std::int64_t m_p2 = 0;
  std::int64_t m_problem = 0;
};

TEST_P(MatchRepositoryTest, CreatesFindsAndFinishes) {
  auto created = storage().matches().create(newMatch());
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(*storage().matches().findById(created->id), *created);

  const Timestamp end{std::chrono::seconds{1'800'000'600}};
  auto finished = storage().matches().finish(created->id, m_p2, end);
  ASSERT_TRUE(finished.has_value()) << finished.error().message;
  EXPECT_EQ(finished->status, model::MatchStatus::Finished);
  EXPECT_EQ(finished->winnerId, m_p2);
  EXPECT_EQ(finished->endedAt, end);
  EXPECT_EQ(*storage().matches().findById(created->id), *finished);

  // The first ending wins.
  EXPECT_EQ(storage().matches().finish(created->id, m_p1, end).error().code, ErrorCode::Conflict);
  EXPECT_EQ(storage().matches().cancel(created->id, end).error().code, ErrorCode::Conflict);
  EXPECT_EQ(storage().matches().findById(created->id)->winnerId, m_p2);
}

TEST_P(MatchRepositoryTest, DrawsCancellationsAndBadWinners) {
  const Timestamp end{std::chrono::seconds{1'800'000'600}};
  auto draw =
      storage().matches().finish(storage().matches().create(newMatch())->id, std::nullopt, end);
  ASSERT_TRUE(draw.has_value()) << draw.error().message;
  EXPECT_FALSE(draw->winnerId.has_value());
  auto cancelled = storage().matches().cancel(storage().matches().create(newMatch())->id, end);
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->status, model::MatchStatus::Cancelled);

  const auto id = storage().matches().create(newMatch())->id;
  EXPECT_EQ(storage().matches().finish(id, makeUser("bystander"), end).error().code,
            ErrorCode::InvalidArgument);
  EXPECT_EQ(storage().matches().findById(id)->status, model::MatchStatus::Active);
}

TEST_P(MatchRepositoryTest, UnknownMatchesAndPlayersAreNotFound) {
  EXPECT_EQ(storage().matches().findById(31337).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().matches().finish(31337, std::nullopt, Timestamp{}).error().code,
            ErrorCode::NotFound);
  auto ghost = newMatch();
  ghost.player2Id = 31337;
  EXPECT_EQ(storage().matches().create(ghost).error().code, ErrorCode::NotFound);
}

ARENA_STORAGE_BACKENDS(MatchRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
