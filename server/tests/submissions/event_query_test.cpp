// GET /api/analytics/events as a function: parameter checks, and queries on both backends.

#include "features/analytics/event_query.hpp"

#include <gtest/gtest.h>

#include "storage_fixture.hpp"

namespace arena::server::analytics {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using storage::testing::StorageTest;

const Timestamp kNow = *parseTimestamp("2026-11-26T12:00:00.000Z");

TEST(EventQueryParamsTest, DefaultsToTheLast24HoursAndAThousandEvents) {
  auto query = parseEventQuery({"login", std::nullopt, std::nullopt, std::nullopt}, kNow);
  ASSERT_TRUE(query.has_value()) << query.error().message;
  EXPECT_EQ(query->type, "login");
  EXPECT_EQ(query->to, kNow);
  EXPECT_EQ(query->from, kNow - 24h);
  EXPECT_EQ(query->limit, 1000);
}

TEST(EventQueryParamsTest, AcceptsIsoTimesAndEpochMilliseconds) {
  auto query = parseEventQuery({"verdict", "2026-11-25T00:00:00Z", "1796000000000", "5"}, kNow);
  ASSERT_TRUE(query.has_value()) << query.error().message;
  EXPECT_EQ(query->from, *parseTimestamp("2026-11-25T00:00:00.000Z"));
  EXPECT_EQ(query->to, Timestamp{1'796'000'000'000ms});
  EXPECT_EQ(query->limit, 5);
  // Only `to` given: the window is the 24 hours before it.
  auto before =
      parseEventQuery({"verdict", std::nullopt, "2026-11-20T06:00:00.5Z", std::nullopt}, kNow);
  ASSERT_TRUE(before.has_value()) << before.error().message;
  EXPECT_EQ(before->from, *parseTimestamp("2026-11-19T06:00:00.500Z"));
}

TEST(EventQueryParamsTest, RefusesMissingTypeBadTimesBackwardRangesAndBadLimits) {
  struct Case {
    EventQueryParams params;
    std::string expected;
  };
  const std::vector<Case> cases{
      {{std::nullopt, std::nullopt, std::nullopt, std::nullopt}, "type is required"},
      {{"", std::nullopt, std::nullopt, std::nullopt}, "type is required"},
      {{std::string(65, 't'), std::nullopt, std::nullopt, std::nullopt}, "type must be at most"},
      {{"login", "yesterday", std::nullopt, std::nullopt}, "from must be an ISO-8601"},
      {{"login", "2026-11-25", std::nullopt, std::nullopt}, "from must be an ISO-8601"},
      {{"login", "2026-11-25T00:00:00+01:00", std::nullopt, std::nullopt}, "from must be"},
      {{"login", "-5", std::nullopt, std::nullopt}, "from must be"},
      {{"login", "99999999999999999999999", std::nullopt, std::nullopt}, "from must be"},
      {{"login", std::nullopt, "soon", std::nullopt}, "to must be an ISO-8601"},
      {{"login", std::nullopt, "", std::nullopt}, "to must be"},
      {{"login", "2026-11-26T12:00:00Z", "2026-11-26T12:00:00Z", std::nullopt},
       "from must be before to"},
      {{"login", "2026-11-27T00:00:00Z", "2026-11-26T00:00:00Z", std::nullopt},
       "from must be before to"},
      {{"login", std::nullopt, std::nullopt, "0"}, "limit must be an integer from 1 to 10000"},
      {{"login", std::nullopt, std::nullopt, "10001"}, "limit must be"},
      {{"login", std::nullopt, std::nullopt, "many"}, "limit must be"},
      {{"login", std::nullopt, std::nullopt, "-3"}, "limit must be"},
  };
  for (const auto& c : cases) {
    auto query = parseEventQuery(c.params, kNow);
    ASSERT_FALSE(query.has_value()) << c.expected;
    EXPECT_EQ(query.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(query.error().message.rfind(c.expected, 0), 0U)
        << "got: " << query.error().message << "\nwanted: " << c.expected;
  }
}

class EventQueryTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_user = makeUser("eve");
  }

  std::int64_t record(const std::string& type, Timestamp at, json metadata = json::object(),
                      bool withUser = true) {
    auto id = storage().analytics().record(
        {0, type, at, withUser ? std::optional(m_user) : std::nullopt, std::move(metadata)});
    EXPECT_TRUE(id.has_value()) << id.error().message;
    return id ? *id : 0;
  }

  std::int64_t m_user = 0;
};

TEST_P(EventQueryTest, ReturnsEventsOfTheTypeInTheWindowOldestFirst) {
  const auto recent = record("login", kNow - 1h, {{"client", "desktop"}});
  const auto older = record("login", kNow - 23h, json::object(), false);
  record("login", kNow - 25h);      // outside the default window
  record("login", kNow);            // `to` is exclusive
  record("submission", kNow - 2h);  // another type

  auto body =
      queryEvents(storage().analytics(), {"login", std::nullopt, std::nullopt, std::nullopt}, kNow);
  ASSERT_TRUE(body.has_value()) << body.error().message;
  EXPECT_EQ(*body, (json{{"events",
                          {{{"id", older},
                            {"type", "login"},
                            {"occurred_at", "2026-11-25T13:00:00.000Z"},
                            {"user_id", nullptr},
                            {"metadata", json::object()}},
                           {{"id", recent},
                            {"type", "login"},
                            {"occurred_at", "2026-11-26T11:00:00.000Z"},
                            {"user_id", m_user},
                            {"metadata", {{"client", "desktop"}}}}}}}));
}

TEST_P(EventQueryTest, AnExplicitRangeAndLimitAreApplied) {
  for (int i = 0; i < 5; ++i)
    record("verdict", kNow - std::chrono::days{3} + std::chrono::hours{i});
  auto body = queryEvents(storage().analytics(),
                          {"verdict", "2026-11-23T12:00:00Z", "2026-11-23T16:00:00Z", "3"}, kNow);
  ASSERT_TRUE(body.has_value()) << body.error().message;
  ASSERT_EQ(body->at("events").size(), 3U);
  EXPECT_EQ(body->at("events")[0].at("occurred_at"), "2026-11-23T12:00:00.000Z");
  EXPECT_EQ(body->at("events")[2].at("occurred_at"), "2026-11-23T14:00:00.000Z");
}

TEST_P(EventQueryTest, AnUnknownTypeHasNoEvents) {
  record("login", kNow - 1h);
  auto body = queryEvents(storage().analytics(),
                          {"nothing-like-this", std::nullopt, std::nullopt, std::nullopt}, kNow);
  ASSERT_TRUE(body.has_value()) << body.error().message;
  EXPECT_EQ(*body, (json{{"events", json::array()}}));
}

ARENA_STORAGE_BACKENDS(EventQueryTest);

}  // namespace
}  // namespace arena::server::analytics
