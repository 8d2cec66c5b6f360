// The leaderboard routes through the real Dispatcher, on both storage backends.

#include "features/leaderboard/leaderboard_routes.hpp"

#include <gtest/gtest.h>

#include "route_harness.hpp"
#include "storage_fixture.hpp"

namespace arena::server::leaderboard {
namespace {

using storage::testing::StorageTest;
using testing::RouteHarness;

class LeaderboardRoutesTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_harness.addToken("carl", {makeUser("carl"), "carl", model::Role::Contestant});
    m_harness.addToken("pam", {makeUser("pam", model::Role::Proctor), "pam", model::Role::Proctor});
    m_service = std::make_unique<LeaderboardService>(storage().leaderboard());
    registerLeaderboardRoutes(m_harness.router(), *m_service);
  }

  RouteHarness m_harness;
  std::unique_ptr<LeaderboardService> m_service;
};

TEST_P(LeaderboardRoutesTest, TopIsPublicAndRefusesABadLimit) {
  const auto top = m_harness.call("GET", "/api/leaderboard/top");
  ASSERT_EQ(top.status, 200) << top.bodyView();
  EXPECT_EQ(RouteHarness::json(top).at("entries")[0].at("username"), "carl");
  EXPECT_EQ(m_harness.call("GET", "/api/leaderboard/top", std::nullopt, {{"limit", "1"}}).status,
            200);
  for (const char* limit : {"abc", "0", "101", "", "1e2"}) {
    const auto refused =
        m_harness.call("GET", "/api/leaderboard/top", std::nullopt, {{"limit", limit}});
    EXPECT_EQ(refused.status, 400) << limit;
    EXPECT_EQ(RouteHarness::json(refused).at("error").at("status"), 400);
  }
}

TEST_P(LeaderboardRoutesTest, SnapshotIs404ThenProctorTakesIt201Then200) {
  EXPECT_EQ(m_harness.call("GET", "/api/leaderboard/snapshot/today").status, 404);
  EXPECT_EQ(m_harness.call("POST", "/api/leaderboard/snapshot", "carl").status, 403);
  EXPECT_EQ(m_harness.call("POST", "/api/leaderboard/snapshot").status, 401);

  const auto taken = m_harness.call("POST", "/api/leaderboard/snapshot", "pam");
  ASSERT_EQ(taken.status, 201) << taken.bodyView();
  EXPECT_EQ(m_harness.call("POST", "/api/leaderboard/snapshot", "pam").status, 200);

  const auto today = m_harness.call("GET", "/api/leaderboard/snapshot/today");
  ASSERT_EQ(today.status, 200);
  EXPECT_EQ(RouteHarness::json(today), RouteHarness::json(taken));
}

ARENA_STORAGE_BACKENDS(LeaderboardRoutesTest);

}  // namespace
}  // namespace arena::server::leaderboard
