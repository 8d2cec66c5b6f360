// The awards-ceremony reveal through the real Dispatcher on both storage backends: who may step,
// when (409 before the end, without a freeze, once unfrozen), the order and results of the
// reveals, the public board and its progress after each step (also after the in-memory board is
// dropped: the progress is in the database), the live rows, and the unfreeze at the end.
//
// The contest (2 h, frozen after 1 h):
//   ada: A accepted at 30 (before the freeze); B wrong at 80 (hidden).
//   bob: A accepted at 65, B accepted at 70 (both hidden).
// Frozen public board: ada 1 solved (30), bob 0. Resolver order, worked by hand:
//   1. bob A  solved    rank 2 -> 2 (1 solved at 65 is behind ada's 30)
//   2. bob B  solved    rank 2 -> 1 (overtakes ada)
//   3. ada B  rejected  rank 2 -> 2, nothing left: the contest is unfrozen.

#include "features/contests/reveal_routes.hpp"

#include "contest_test_support.hpp"
#include "route_harness.hpp"

namespace arena::server::contests::testing {
namespace {

using nlohmann::json;
using arena::server::testing::RouteHarness;

class RevealRoutesTest : public ContestTestBase {
 protected:
  void SetUp() override {
    ContestTestBase::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_store = std::make_unique<RevealStore>(storage().database());
    m_boards->setRevealStore(m_store.get());
    m_reveal = std::make_unique<RevealService>(storage().contests(), *m_boards, *m_store, &m_bus,
                                               [this] { return m_now; });
    registerRevealRoutes(m_routes.router(), *m_reveal);
    m_routes.grant("proctor", principal(m_proctor, model::Role::Proctor));
    m_routes.grant("ada", principal(m_ada));
  }
  void TearDown() override {
    m_reveal.reset();
    ContestTestBase::TearDown();
    m_store.reset();
  }

  http::Response step(std::int64_t contest, std::optional<std::string> token = "proctor") {
    return m_routes.call("POST", "/api/contests/" + std::to_string(contest) + "/reveal/step",
                         token);
  }
  static json body(const http::Response& response) { return RouteHarness::body(response); }

  // The frozen contest above, ended; its team ids in m_adaTeam, m_bobTeam.
  std::int64_t frozenContest() {
    const auto id = makeContestWithAdaAndBob("public");
    auto teams = m_service->participants(id);
    EXPECT_TRUE(teams.has_value());
    for (const auto& team : (*teams)["teams"]) {
      const auto member = team["members"][0]["user_id"].get<std::int64_t>();
      (member == m_ada ? m_adaTeam : m_bobTeam) = team["id"].get<std::int64_t>();
    }
    m_now = kStart + 5min;
    submit(id, m_ada, m_problemA, 30min, model::Verdict::Accepted);
    submit(id, m_ada, m_problemB, 80min, model::Verdict::WrongAnswer);
    submit(id, m_bob, m_problemA, 65min, model::Verdict::Accepted);
    submit(id, m_bob, m_problemB, 70min, model::Verdict::Accepted);
    m_now = kStart + 2h + 1min;
    return id;
  }

  // The public board's rows as "team:solved:pendingA/pendingB" in ranking order.
  std::vector<std::string> publicRows(std::int64_t contest) {
    std::vector<std::string> rows;
    const json shown = board(contest, "public", principal(m_ada));
    for (const auto& row : shown["rows"]) {
      const auto team = row["team_id"].get<std::int64_t>();
      rows.push_back(std::string(team == m_adaTeam ? "ada" : "bob") + ":" +
                     std::to_string(row["rank"].get<int>()) + ":" +
                     std::to_string(row["score"]["num_solved"].get<int>()) + ":" +
                     std::to_string(row["problems"][0]["num_pending"].get<int>()) + "/" +
                     std::to_string(row["problems"][1]["num_pending"].get<int>()));
    }
    return rows;
  }

  RouteHarness m_routes;
  std::unique_ptr<RevealStore> m_store;
  std::unique_ptr<RevealService> m_reveal;
  std::int64_t m_adaTeam = 0;
  std::int64_t m_bobTeam = 0;
};

using Rows = std::vector<std::string>;

TEST_P(RevealRoutesTest, AProctorRevealsTheFrozenBoardCellByCellFromTheBottom) {
  const auto id = frozenContest();
  EXPECT_EQ(publicRows(id), (Rows{"ada:1:1:0/1", "bob:2:0:1/1"}));
  EXPECT_EQ(board(id, "public", principal(m_ada))["reveal"],
            (json{{"revealed", 0}, {"remaining", 3}}));

  m_bus.clear();
  auto first = step(id);
  ASSERT_EQ(first.status, 200) << first.bodyView();
  EXPECT_EQ(body(first)["team_id"], m_bobTeam);
  EXPECT_EQ(body(first)["team"], "bob");
  EXPECT_EQ(body(first)["problem"], "A");
  EXPECT_EQ(body(first)["problem_id"], m_problemA);
  EXPECT_EQ(body(first)["result"], "solved");
  EXPECT_EQ(body(first)["old_rank"], 2);
  EXPECT_EQ(body(first)["new_rank"], 2);
  EXPECT_EQ(body(first)["remaining"], 2);
  EXPECT_EQ(body(first)["state"], "ended");
  EXPECT_EQ(publicRows(id), (Rows{"ada:1:1:0/1", "bob:2:1:0/1"}));

  // The public board changed live on the contest channel, with bob's row.
  const auto events = m_bus.events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].channel, contestChannel(id));
  EXPECT_EQ(events[0].type, "contest.scoreboard");
  const auto live = json::parse(events[0].data);
  EXPECT_EQ(live["contest_id"], id);
  EXPECT_EQ(live["view"], "public");
  ASSERT_EQ(live["rows"].size(), 1u);
  EXPECT_EQ(live["rows"][0]["team_id"], m_bobTeam);
  EXPECT_EQ(live["rows"][0]["problems"][0]["solved"], true);

  // The progress is in the database: a board rebuilt from scratch (a restart) continues.
  m_boards->invalidate(id);
  EXPECT_EQ(publicRows(id), (Rows{"ada:1:1:0/1", "bob:2:1:0/1"}));
  EXPECT_EQ(board(id, "public", principal(m_ada))["reveal"],
            (json{{"revealed", 1}, {"remaining", 2}}));

  auto second = step(id);
  ASSERT_EQ(second.status, 200) << second.bodyView();
  EXPECT_EQ(body(second)["team_id"], m_bobTeam);
  EXPECT_EQ(body(second)["problem"], "B");
  EXPECT_EQ(body(second)["result"], "solved");
  EXPECT_EQ(body(second)["old_rank"], 2);
  EXPECT_EQ(body(second)["new_rank"], 1);  // bob overtakes ada
  EXPECT_EQ(publicRows(id), (Rows{"bob:1:2:0/0", "ada:2:1:0/1"}));

  auto third = step(id);
  ASSERT_EQ(third.status, 200) << third.bodyView();
  EXPECT_EQ(body(third)["team_id"], m_adaTeam);
  EXPECT_EQ(body(third)["problem"], "B");
  EXPECT_EQ(body(third)["result"], "rejected");
  EXPECT_EQ(body(third)["new_rank"], 2);
  EXPECT_EQ(body(third)["remaining"], 0);
  EXPECT_EQ(body(third)["state"], "unfrozen");

  // Unfrozen as by POST /unfreeze: the public board is the jury's, and there is nothing left.
  const auto contest = m_service->get(std::nullopt, id);
  ASSERT_TRUE(contest.has_value());
  EXPECT_EQ((*contest)["state"], "unfrozen");
  EXPECT_EQ(board(id, "public", principal(m_ada))["rows"], board(id, "jury")["rows"]);
  EXPECT_FALSE(board(id, "public", principal(m_ada)).contains("reveal"));
  const auto again = step(id);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(body(again)["error"]["status"], 409);
}

TEST_P(RevealRoutesTest, ABoardWithNothingPendingIsUnfrozenByTheFirstStep) {
  const auto id = makeContestWithAdaAndBob("public");
  m_now = kStart + 5min;
  submit(id, m_ada, m_problemA, 30min, model::Verdict::Accepted);
  m_now = kStart + 3h;
  auto only = step(id);
  ASSERT_EQ(only.status, 200) << only.bodyView();
  EXPECT_TRUE(body(only)["team_id"].is_null());
  EXPECT_TRUE(body(only)["result"].is_null());
  EXPECT_EQ(body(only)["remaining"], 0);
  EXPECT_EQ(body(only)["state"], "unfrozen");
  EXPECT_EQ(step(id).status, 409);
}

TEST_P(RevealRoutesTest, OnlyProctorsStepAndOnlyAfterTheEndOfAFrozenContest) {
  const auto id = frozenContest();
  EXPECT_EQ(step(id, std::nullopt).status, 401);
  EXPECT_EQ(step(id, "ada").status, 403);

  m_now = kStart + 90min;  // frozen, but still running
  const auto early = step(id);
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(body(early)["error"]["message"].get<std::string>().find("has not ended"),
            std::string::npos);
  EXPECT_FALSE(board(id, "public", principal(m_ada)).contains("reveal"));

  auto unfrozen = contestBody("public");
  unfrozen.erase("freeze_after_seconds");
  m_now = kStart + 3h;
  EXPECT_EQ(step(makeContest(unfrozen)).status, 409);
  EXPECT_EQ(step(id + 1000).status, 404);
  EXPECT_EQ(m_routes.call("POST", "/api/contests/zero/reveal/step", "proctor").status, 404);

  // POST /unfreeze in the middle of a ceremony ends it: no more steps.
  ASSERT_EQ(step(id).status, 200);
  ASSERT_TRUE(m_service->unfreeze(id).has_value());
  EXPECT_EQ(step(id).status, 409);
}

ARENA_STORAGE_BACKENDS(RevealRoutesTest);

}  // namespace
}  // namespace arena::server::contests::testing
