#include "storage/sql/migrator.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

namespace arena::server::storage::sql {

namespace {

constexpr std::string_view kLockName = "arena_schema_migrations";
constexpr int kLockWaitSeconds = 60;

std::string_view createTableSql(Dialect dialect) {
  if (dialect == Dialect::Sqlite) {
    return "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";
  }
  return "CREATE TABLE IF NOT EXISTS schema_migrations ("
         "version INT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL"
         ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin";
}

std::string label(const Migration& migration) {
  std::string number = std::to_string(migration.version);
  if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
  return number + "_" + std::string{migration.name};
}

Result<void> applyOne(SqlSession& session, Dialect dialect, const Migration& migration) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const bool transactional = dialect == Dialect::Sqlite;
  if (transactional) {
    if (auto begun = session.executeScript("BEGIN IMMEDIATE"); !begun) return begun;
  }
  Result<void> result = session.executeScript(migration.script);
  if (result) {
    auto recorded = session.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
        {migration.version, migration.name, now});
    if (!recorded) result = std::unexpected(recorded.error());
  }
  if (transactional) {
    if (result) result = session.executeScript("COMMIT");
    if (!result) static_cast<void>(session.executeScript("ROLLBACK"));
  }
  return result;
}

Result<MigrationReport> applyPending(SqlSession& session, Dialect dialect,
                                     std::span<const Migration> migrations) {
  auto rows = session.query("SELECT version FROM schema_migrations");
  if (!rows) return std::unexpected(rows.error());
  std::set<std::int64_t> applied;
  for (const auto& row : *rows) applied.insert(row.int64(0));

  MigrationReport report;
  report.schemaVersion = applied.empty() ? 0 : static_cast<int>(*applied.rbegin());
  const int known = migrations.empty() ? 0 : migrations.back().version;
  if (report.schemaVersion > known) {
    return fail(ErrorCode::Internal, "database schema is at version " +
                                         std::to_string(report.schemaVersion) +
                                         ", newer than this build knows (" + std::to_string(known) +
                                         "): upgrade the server");
  }
  for (const auto& migration : migrations) {
    if (applied.contains(migration.version)) continue;
    if (auto done = applyOne(session, dialect, migration); !done) {
      auto error = done.error();
      error.message = "migration " + label(migration) + " failed, schema stays at version " +
                      std::to_string(report.schemaVersion) + ": " + error.message;
      return std::unexpected(std::move(error));
    }
    ++report.applied;
    report.schemaVersion = migration.version;
  }
  return report;
}

}  // namespace

Result<MigrationReport> applyMigrations(SqlDatabase& database,
                                        std::span<const Migration> migrations) {
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version <= migrations[i - 1].version) {
      return fail(ErrorCode::Internal, "migrations out of order at " + label(migrations[i]));
    }
  }
  const Dialect dialect = database.dialect();
  return database.exclusive([&](SqlSession& session) -> Result<MigrationReport> {
    if (auto created = session.executeScript(createTableSql(dialect)); !created) {
      return std::unexpected(created.error());
    }
    if (dialect == Dialect::Mysql) {
      auto locked = session.query("SELECT GET_LOCK(?, ?)", {kLockName, kLockWaitSeconds});
      if (!locked) return std::unexpected(locked.error());
      if (locked->empty() || (*locked)[0].isNull(0) || (*locked)[0].int64(0) != 1) {
        return fail(ErrorCode::Unavailable,
                    "another server is migrating this database; gave up waiting", true);
      }
    }
    auto report = applyPending(session, dialect, migrations);
    if (dialect == Dialect::Mysql)
      static_cast<void>(session.query("SELECT RELEASE_LOCK(?)", {kLockName}));
    return report;
  });
}

}  // namespace arena::server::storage::sql
