#include "storage/storage.hpp"

#include "storage/mysql/mysql_database.hpp"
#include "storage/sql/migrator.hpp"
#include "storage/sql/sql_analytics_repository.hpp"
#include "storage/sql/sql_clarification_repository.hpp"
#include "storage/sql/sql_contest_repository.hpp"
#include "storage/sql/sql_leaderboard_repository.hpp"
#include "storage/sql/sql_match_repository.hpp"
#include "storage/sql/sql_problem_repository.hpp"
#include "storage/sql/sql_refresh_token_repository.hpp"
#include "storage/sql/sql_submission_repository.hpp"
#include "storage/sql/sql_user_repository.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "storage/storage_url.hpp"

namespace arena::server::storage {

namespace {

Result<std::unique_ptr<sql::SqlDatabase>> openDatabase(const StorageUrl& url,
                                                       const StorageOptions& options) {
  if (const auto* sqliteUrl = std::get_if<SqliteUrl>(&url)) {
    auto database =
        sqlite::SqliteDatabase::open({.path = sqliteUrl->path, .readers = options.poolSize});
    if (!database) return std::unexpected(database.error());
    return std::unique_ptr<sql::SqlDatabase>{std::move(*database)};
  }
  const auto& mysqlUrl = std::get<MysqlUrl>(url);
  auto database = mysql::MysqlDatabase::open({.host = mysqlUrl.host,
                                              .port = mysqlUrl.port,
                                              .user = mysqlUrl.user,
                                              .password = mysqlUrl.password,
                                              .database = mysqlUrl.database,
                                              .poolSize = options.poolSize});
  if (!database) return std::unexpected(database.error());
  return std::unique_ptr<sql::SqlDatabase>{std::move(*database)};
}

}  // namespace

Storage::Storage(std::unique_ptr<sql::SqlDatabase> database)
    : m_database(std::move(database)),
      m_users(std::make_unique<sql::SqlUserRepository>(*m_database)),
      m_problems(std::make_unique<sql::SqlProblemRepository>(*m_database)),
      m_submissions(std::make_unique<sql::SqlSubmissionRepository>(*m_database)),
      m_matches(std::make_unique<sql::SqlMatchRepository>(*m_database)),
      m_leaderboard(std::make_unique<sql::SqlLeaderboardRepository>(*m_database)),
      m_analytics(std::make_unique<sql::SqlAnalyticsRepository>(*m_database)),
      m_refreshTokens(std::make_unique<sql::SqlRefreshTokenRepository>(*m_database)),
      m_contests(std::make_unique<sql::SqlContestRepository>(*m_database)),
      m_clarifications(std::make_unique<sql::SqlClarificationRepository>(*m_database)) {}

Storage::~Storage() = default;

Result<std::unique_ptr<Storage>> Storage::open(std::string_view url,
                                               const StorageOptions& options) {
  auto parsed = parseStorageUrl(url);
  if (!parsed) return std::unexpected(parsed.error());
  auto database = openDatabase(*parsed, options);
  if (!database) return std::unexpected(database.error());
  std::unique_ptr<Storage> storage{new Storage(std::move(*database))};
  if (options.migrate) {
    auto report = sql::applyMigrations(*storage->m_database,
                                       sql::embeddedMigrations(storage->m_database->dialect()));
    if (!report) return std::unexpected(report.error());
    storage->m_schemaVersion = report->schemaVersion;
  }
  return storage;
}

Backend Storage::backend() const {
  return m_database->dialect() == sql::Dialect::Sqlite ? Backend::Sqlite : Backend::Mysql;
}

}  // namespace arena::server::storage
