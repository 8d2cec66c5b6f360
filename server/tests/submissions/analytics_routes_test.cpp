// GET /api/analytics/events through the real Dispatcher, on both storage backends.

#include "features/analytics/analytics_routes.hpp"

#include <gtest/gtest.h>

#include "route_harness.hpp"
#include "storage_fixture.hpp"

namespace arena::server::analytics {
namespace {

using storage::testing::StorageTest;
using testing::RouteHarness;

class AnalyticsRoutesTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    const auto carl = makeUser("carl");
    m_harness.addToken("carl", {carl, "carl", model::Role::Contestant});
    m_harness.addToken("pam", {makeUser("pam", model::Role::Proctor), "pam", model::Role::Proctor});
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    ASSERT_TRUE(storage()
                    .analytics()
                    .record({0, "login", now - std::chrono::minutes{5}, carl, {{"via", "web"}}})
                    .has_value());
    registerAnalyticsRoutes(m_harness.router(), storage().analytics());
  }

  RouteHarness m_harness;
};

TEST_P(AnalyticsRoutesTest, ProctorsGetTheLastDaysEvents) {
  const auto response = m_harness.call("GET", "/api/analytics/events", "pam", {{"type", "login"}});
  ASSERT_EQ(response.status, 200) << response.bodyView();
  const auto events = RouteHarness::json(response).at("events");
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].at("metadata").at("via"), "web");
}

TEST_P(AnalyticsRoutesTest, OthersAreRefused) {
  EXPECT_EQ(m_harness.call("GET", "/api/analytics/events", "carl", {{"type", "login"}}).status,
            403);
  EXPECT_EQ(
      m_harness.call("GET", "/api/analytics/events", std::nullopt, {{"type", "login"}}).status,
      401);
}

TEST_P(AnalyticsRoutesTest, BadParametersAnswer400WithTheErrorShape) {
  for (const auto& query : std::vector<std::map<std::string, std::string>>{
           {},
           {{"type", "login"}, {"from", "last week"}},
           {{"type", "login"}, {"to", "1.5"}},
           {{"type", "login"}, {"from", "2026-11-27T00:00:00Z"}, {"to", "2026-11-26T00:00:00Z"}}}) {
    const auto response = m_harness.call("GET", "/api/analytics/events", "pam", query);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(RouteHarness::json(response).at("error").at("status"), 400);
  }
}

ARENA_STORAGE_BACKENDS(AnalyticsRoutesTest);

}  // namespace
}  // namespace arena::server::analytics
