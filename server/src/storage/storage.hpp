#pragma once
// The storage facade: one object per process, opened from a database URL at start-up, handing
// out the repositories that feature code takes by reference. Opening applies pending migrations,
// so a Storage that exists has the schema this build expects.
//
//   auto storage = Storage::open("sqlite:///var/lib/codearena/arena.db");
//   if (!storage) { log(storage.error().message); return 1; }
//   SubmissionService submissions{(*storage)->submissions(), ...};
//
// Every repository method is safe to call from any thread.

#include <memory>
#include <string_view>

#include "arena/core/error.hpp"
#include "storage/analytics_repository.hpp"
#include "storage/clarification_repository.hpp"
#include "storage/contest_repository.hpp"
#include "storage/leaderboard_repository.hpp"
#include "storage/match_repository.hpp"
#include "storage/problem_repository.hpp"
#include "storage/refresh_token_repository.hpp"
#include "storage/submission_repository.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::storage {

namespace sql {
class SqlDatabase;
}

struct StorageOptions {
  int poolSize = 4;     // MySQL connections, or SQLite reader connections
  bool migrate = true;  // apply pending migrations on open
};

enum class Backend { Sqlite, Mysql };

class Storage {
 public:
  static Result<std::unique_ptr<Storage>> open(std::string_view url,
                                               const StorageOptions& options = {});
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  Backend backend() const;
  int schemaVersion() const { return m_schemaVersion; }

  UserRepository& users() { return *m_users; }
  ProblemRepository& problems() { return *m_problems; }
  SubmissionRepository& submissions() { return *m_submissions; }
  MatchRepository& matches() { return *m_matches; }
  LeaderboardRepository& leaderboard() { return *m_leaderboard; }
  AnalyticsRepository& analytics() { return *m_analytics; }
  RefreshTokenRepository& refreshTokens() { return *m_refreshTokens; }
  ContestRepository& contests() { return *m_contests; }
  ClarificationRepository& clarifications() { return *m_clarifications; }

  // The database underneath, for maintenance (backups) and tests.
  sql::SqlDatabase& database() { return *m_database; }

 private:
  explicit Storage(std::unique_ptr<sql::SqlDatabase> database);

  std::unique_ptr<sql::SqlDatabase> m_database;
  int m_schemaVersion = 0;
  std::unique_ptr<UserRepository> m_users;
  std::unique_ptr<ProblemRepository> m_problems;
  std::unique_ptr<SubmissionRepository> m_submissions;
  std::unique_ptr<MatchRepository> m_matches;
  std::unique_ptr<LeaderboardRepository> m_leaderboard;
  std::unique_ptr<AnalyticsRepository> m_analytics;
  std::unique_ptr<RefreshTokenRepository> m_refreshTokens;
  std::unique_ptr<ContestRepository> m_contests;
  std::unique_ptr<ClarificationRepository> m_clarifications;
};

}  // namespace arena::server::storage
