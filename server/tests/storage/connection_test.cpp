#include "storage/sql/sql_database.hpp"
#include "storage_fixture.hpp"

namespace arena::server::storage::testing {
namespace {

using sql::SqlSession;

class ConnectionTest : public StorageTest {};

TEST_P(ConnectionTest, ALostConnectionIsUnavailableAndTheNextCallReconnects) {
  if (backend() != TestBackend::Mysql)
    GTEST_SKIP() << "MySQL only: SQLite has no connection to lose";
  auto single = openAgain({.poolSize = 1, .migrate = false});
  ASSERT_NE(single, nullptr);
  makeUser("survivor");
  auto connectionId = single->database().read([](SqlSession& session) -> Result<std::int64_t> {
    auto rows = session.query("SELECT CONNECTION_ID()");
    if (!rows) return std::unexpected(rows.error());
    return rows->front().int64(0);
  });
  ASSERT_TRUE(connectionId.has_value()) << connectionId.error().message;
  auto killed = storage().database().exclusive([&](SqlSession& session) {
    return session.executeScript("KILL CONNECTION " + std::to_string(*connectionId));
  });
  ASSERT_TRUE(killed.has_value()) << killed.error().message;

  // The pool lent the dead connection (it was not idle long enough to be pinged): the call fails
  // as retryable, the connection is dropped, and the retry gets a fresh one.
  auto lost = single->users().findByUsername("survivor");
  ASSERT_FALSE(lost.has_value());
  EXPECT_EQ(lost.error().code, ErrorCode::Unavailable) << lost.error().message;
  EXPECT_TRUE(lost.error().retryable);
  auto again = single->users().findByUsername("survivor");
  ASSERT_TRUE(again.has_value()) << again.error().message;
}

TEST_P(ConnectionTest, AnUnreachableServerIsUnavailable) {
  const std::string url = backend() == TestBackend::Mysql
                              ? "mysql://nobody:pw@127.0.0.1:1/arena_test_none"
                              : "sqlite:///nonexistent-directory/sub/arena.db";
  auto opened = Storage::open(url);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::Unavailable) << opened.error().message;
}

TEST_P(ConnectionTest, AnInMemorySqliteDatabaseWorks) {
  if (backend() != TestBackend::Sqlite) GTEST_SKIP() << "sqlite://:memory: only";
  auto memory = Storage::open("sqlite://:memory:");
  ASSERT_TRUE(memory.has_value()) << memory.error().message;
  auto user = (*memory)->users().create({"m@example.org", "m", "h", model::Role::Contestant});
  ASSERT_TRUE(user.has_value()) << user.error().message;
  EXPECT_TRUE((*memory)->users().findById(user->user.id).has_value())
      << "reads see the writer's in-memory database";
}

ARENA_STORAGE_BACKENDS(ConnectionTest);

}  // namespace
}  // namespace arena::server::storage::testing
