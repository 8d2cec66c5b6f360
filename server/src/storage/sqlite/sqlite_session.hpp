#pragma once

#include "storage/sql/sql_database.hpp"

struct sqlite3;

namespace arena::server::storage::sqlite {

// Runs statements on one borrowed connection. Not thread-safe: one thread at a time, which the
// database's locking guarantees.
class SqliteSession final : public sql::SqlSession {
 public:
  explicit SqliteSession(sqlite3* connection) : m_connection(connection) {}

  Result<sql::SqlRows> query(std::string_view sql, const sql::SqlParams& params) override;
  Result<sql::ExecResult> execute(std::string_view sql, const sql::SqlParams& params) override;
  Result<void> executeScript(std::string_view script) override;

 private:
  sqlite3* m_connection;
};

// The arena::Error for an SQLite result code (extended codes tell unique from foreign-key).
Error sqliteError(sqlite3* connection, int code, std::string_view context);

}  // namespace arena::server::storage::sqlite
