// The clarification routes through the real Dispatcher on both storage backends: statuses,
// access per route and the path ids.
#include "features/clarifications/clarification_routes.hpp"

#include <gtest/gtest.h>

#include "route_harness.hpp"
#include "storage_fixture.hpp"

namespace arena::server::clarifications {
namespace {

using storage::testing::StorageTest;
using testing::RouteHarness;

class ClarificationRoutesTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service = std::make_unique<ClarificationService>(
        storage().clarifications(), storage().contests(), events,
        [] { return Timestamp{std::chrono::milliseconds{1'800'000'000'000}}; });
    registerClarificationRoutes(harness.router(), *service);
    const std::int64_t ann = makeUser("ann");
    harness.addToken("ann", {ann, "ann", model::Role::Contestant});
    harness.addToken("eve", {makeUser("eve"), "eve", model::Role::Contestant});
    harness.addToken("jury", {makeUser("jury", model::Role::Proctor), "jury",
                              model::Role::Proctor});
    storage::ContestRecord record;
    record.contest.name = "Finals";
    record.contest.startsAt = Timestamp{std::chrono::milliseconds{1'700'000'000'000}};
    auto contest = storage().contests().create(record);
    ASSERT_TRUE(contest) << contest.error().message;
    base = "/api/contests/" + std::to_string(contest->contest.id);
    ASSERT_TRUE(storage().contests().addTeam(contest->contest.id, "Ann", {ann}));
  }

  http::Response post(const std::string& path, const std::string& token,
                      const nlohmann::json& body) {
    return harness.call("POST", path, token, {}, body.dump());
  }

  live::InProcessEventBus events;
  std::unique_ptr<ClarificationService> service;
  RouteHarness harness;
  std::string base;
};

TEST_P(ClarificationRoutesTest, AskAnswerAndReadBack) {
  const auto asked = post(base + "/clarifications", "ann", {{"question", "Is n > 0?"}});
  ASSERT_EQ(asked.status, 201) << asked.bodyView();
  const auto id = RouteHarness::json(asked)["id"].get<std::int64_t>();
  const auto answered =
      post("/api/clarifications/" + std::to_string(id) + "/answer", "jury",
           {{"answer", "Yes."}, {"to_all", true}});
  ASSERT_EQ(answered.status, 200) << answered.bodyView();
  const auto list = harness.call("GET", base + "/clarifications", "ann");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(RouteHarness::json(list)["clarifications"][0]["answer"], "Yes.");
  const auto announced = post(base + "/announcements", "jury", {{"text", "Ten minutes left."}});
  EXPECT_EQ(announced.status, 201) << announced.bodyView();
}

TEST_P(ClarificationRoutesTest, AccessPerRoute) {
  EXPECT_EQ(harness.call("GET", base + "/clarifications").status, 401);
  EXPECT_EQ(harness.call("GET", base + "/clarifications", "eve").status, 403);
  EXPECT_EQ(post(base + "/clarifications", "eve", {{"question", "?"}}).status, 403);
  EXPECT_EQ(post(base + "/announcements", "ann", {{"text", "hi"}}).status, 403);
  EXPECT_EQ(post("/api/clarifications/1/answer", "ann", {{"answer", "x"}}).status, 403);
  EXPECT_EQ(harness.call("GET", base + "/clarifications", "jury").status, 200);
}

TEST_P(ClarificationRoutesTest, BadIdsAndBodies) {
  EXPECT_EQ(harness.call("GET", "/api/contests/x/clarifications", "ann").status, 404);
  EXPECT_EQ(harness.call("GET", "/api/contests/999999/clarifications", "ann").status, 404);
  EXPECT_EQ(post("/api/clarifications/0/answer", "jury", {{"answer", "x"}}).status, 404);
  EXPECT_EQ(harness.call("POST", base + "/clarifications", "ann", {}, "question=1",
                         "application/x-www-form-urlencoded")
                .status,
            415);
  EXPECT_EQ(post(base + "/clarifications", "ann", {{"question", ""}}).status, 400);
}

ARENA_STORAGE_BACKENDS(ClarificationRoutesTest);

}  // namespace
}  // namespace arena::server::clarifications
