#include "storage_fixture.hpp"
#include "tricky_strings.hpp"

namespace arena::server::storage::testing {
namespace {

class AnalyticsRepositoryTest : public StorageTest {};

Timestamp at(std::int64_t seconds) { return Timestamp{std::chrono::seconds{seconds}}; }

TEST_P(AnalyticsRepositoryTest, RecordsAndQueriesByTypeAndTimeRange) {
  const auto user = makeUser("viewer");
  for (std::int64_t s : {100, 200, 300, 400}) {
    auto id = storage().analytics().record({0, "problem.viewed", at(s), user, {{"second", s}}});
    ASSERT_TRUE(id.has_value()) << id.error().message;
  }
  ASSERT_TRUE(
      storage().analytics().record({0, "other.type", at(250), std::nullopt, {}}).has_value());

  auto events = storage().analytics().query({"problem.viewed", at(200), at(400), 100});
  ASSERT_TRUE(events.has_value()) << events.error().message;
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ((*events)[0].occurredAt, at(200));
  EXPECT_EQ((*events)[1].occurredAt, at(300));
  EXPECT_EQ((*events)[0].userId, user);
  EXPECT_EQ((*events)[1].metadata["second"], 300);
  EXPECT_EQ(storage().analytics().query({"problem.viewed", at(0), at(1000), 3})->size(), 3U);
  EXPECT_EQ(storage().analytics().query({"nothing", at(0), at(1000), 3})->size(), 0U);
}

TEST_P(AnalyticsRepositoryTest, MetadataAndTypesRoundTripVerbatim) {
  for (const auto tricky : kTrickyStrings) {
    const std::string text{tricky};
    AnalyticsEvent event{
        0, text, at(5), std::nullopt, {{"text", text}, {"nested", {{"list", {1, 2, text}}}}}};
    auto id = storage().analytics().record(event);
    ASSERT_TRUE(id.has_value()) << id.error().message;
    event.id = *id;
    auto found = storage().analytics().query({text, at(0), at(10), 10});
    ASSERT_TRUE(found.has_value());
    ASSERT_EQ(found->size(), 1U);
    EXPECT_EQ(found->front(), event);
  }
}

TEST_P(AnalyticsRepositoryTest, UnknownUserIsNotFound) {
  auto id = storage().analytics().record({0, "x", at(1), 8888888, {}});
  ASSERT_FALSE(id.has_value());
  EXPECT_EQ(id.error().code, ErrorCode::NotFound);
}

ARENA_STORAGE_BACKENDS(AnalyticsRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
