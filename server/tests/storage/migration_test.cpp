#include <vector>

#include "storage/sql/migrator.hpp"
#include "storage_fixture.hpp"

namespace arena::server::storage::testing {
namespace {

using sql::Migration;
using sql::SqlSession;

class MigrationTest : public StorageTest {
 protected:
  std::vector<std::int64_t> recordedVersions() {
    auto rows = storage().database().read([](SqlSession& session) {
      return session.query("SELECT version FROM schema_migrations ORDER BY version");
    });
    EXPECT_TRUE(rows.has_value()) << rows.error().message;
    std::vector<std::int64_t> versions;
    if (rows) {
      for (const auto& row : *rows) versions.push_back(row.int64(0));
    }
    return versions;
  }

  bool tableExists(const std::string& table) {
    auto rows = storage().database().read(
        [&](SqlSession& session) { return session.query("SELECT COUNT(*) FROM " + table); });
    return rows.has_value();
  }

  std::vector<Migration> embeddedPlus(Migration extra) {
    const auto embedded = sql::embeddedMigrations(storage().database().dialect());
    std::vector<Migration> all(embedded.begin(), embedded.end());
    all.push_back(extra);
    return all;
  }
};

TEST_P(MigrationTest, OpeningAppliesAndRecordsEveryMigration) {
  const auto embedded = sql::embeddedMigrations(storage().database().dialect());
  ASSERT_FALSE(embedded.empty());
  EXPECT_EQ(storage().schemaVersion(), embedded.back().version);
  EXPECT_EQ(recordedVersions().size(), embedded.size());
  for (const char* table :
       {"users", "problems", "test_cases", "submissions", "submission_payloads", "matches",
        "leaderboard_snapshots", "rating_history", "analytics_events", "refresh_tokens", "contests",
        "contest_problems", "contest_participants", "clarifications"}) {
    EXPECT_TRUE(tableExists(table)) << table;
  }
}

TEST_P(MigrationTest, ReapplyingIsANoOp) {
  auto again = sql::applyMigrations(storage().database(),
                                    sql::embeddedMigrations(storage().database().dialect()));
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->applied, 0);
  EXPECT_EQ(again->schemaVersion, storage().schemaVersion());

  auto reopened = openAgain();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->schemaVersion(), storage().schemaVersion());
  EXPECT_EQ(recordedVersions().size(),
            sql::embeddedMigrations(storage().database().dialect()).size());
}

TEST_P(MigrationTest, AFailedMigrationIsNotRecordedAndSaysWhich) {
  const int before = storage().schemaVersion();
  const auto migrations =
      embeddedPlus({before + 1, "broken", "CREATE TABLE half_done (id INTEGER);\nNOT VALID SQL;"});
  auto result = sql::applyMigrations(storage().database(), migrations);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("_broken failed"), std::string::npos)
      << result.error().message;
  EXPECT_NE(result.error().message.find("stays at version " + std::to_string(before)),
            std::string::npos)
      << result.error().message;
  EXPECT_EQ(recordedVersions().back(), before);
  if (backend() == TestBackend::Sqlite) {
    EXPECT_FALSE(tableExists("half_done")) << "SQLite migrations are transactional";
  }
}

TEST_P(MigrationTest, AFixedMigrationAppliesOnTheNextStart) {
  const int before = storage().schemaVersion();
  ASSERT_FALSE(sql::applyMigrations(storage().database(),
                                    embeddedPlus({before + 1, "later", "NOT VALID SQL"})));
  auto fixed = sql::applyMigrations(
      storage().database(),
      embeddedPlus({before + 1, "later", "CREATE TABLE later_table (id INTEGER)"}));
  ASSERT_TRUE(fixed.has_value()) << fixed.error().message;
  EXPECT_EQ(fixed->applied, 1);
  EXPECT_EQ(fixed->schemaVersion, before + 1);
  EXPECT_TRUE(tableExists("later_table"));
}

TEST_P(MigrationTest, ADatabaseNewerThanTheBuildIsRefused) {
  const int before = storage().schemaVersion();
  ASSERT_TRUE(sql::applyMigrations(
      storage().database(),
      embeddedPlus({before + 1, "future", "CREATE TABLE future_marker (id INTEGER)"})));
  auto reopened = Storage::open(url());
  ASSERT_FALSE(reopened.has_value());
  EXPECT_NE(reopened.error().message.find("newer than this build"), std::string::npos)
      << reopened.error().message;
}

ARENA_STORAGE_BACKENDS(MigrationTest);

}  // namespace
}  // namespace arena::server::storage::testing
