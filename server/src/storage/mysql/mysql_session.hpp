#pragma once

#include <exception>

#include "storage/sql/sql_database.hpp"

namespace sql {
class Connection;
class SQLException;
}  // namespace sql

namespace arena::server::storage::mysql {

// Runs statements on one borrowed connection and turns every connector exception into an
// arena::Error. Remembers whether the connection died or the transaction was rolled back by the
// server, so the pool can drop the connection or re-run the transaction.
class MysqlSession final : public arena::server::storage::sql::SqlSession {
 public:
  explicit MysqlSession(::sql::Connection& connection) : m_connection(connection) {}

  Result<arena::server::storage::sql::SqlRows> query(
      std::string_view sql, const arena::server::storage::sql::SqlParams& params) override;
  Result<arena::server::storage::sql::ExecResult> execute(
      std::string_view sql, const arena::server::storage::sql::SqlParams& params) override;
  Result<void> executeScript(std::string_view script) override;

  bool broken() const { return m_broken; }
  bool rolledBackByServer() const { return m_rolledBack; }
  void resetFlags() { m_rolledBack = false; }

 private:
  Error translate(const ::sql::SQLException& exception, std::string_view context);

  ::sql::Connection& m_connection;
  bool m_broken = false;
  bool m_rolledBack = false;
};

// The arena::Error for a MySQL/MariaDB error number.
Error mysqlError(int errorCode, std::string_view sqlState, std::string_view what,
                 std::string_view context);
bool isConnectionError(int errorCode, std::string_view sqlState);

}  // namespace arena::server::storage::mysql
