#pragma once
// Theory of operation: a small pool of connections to one MySQL/MariaDB database.
//   - A connection is lent to one callback at a time and returned afterwards. Up to `poolSize`
//     exist; a caller that finds none free waits up to `acquireTimeoutMs`, then gets Unavailable.
//   - A connection that sat idle longer than `idleCheckMs` is pinged before it is lent; a dead one
//     is replaced by a fresh connection (the server restarted, a proxy cut it). A connection whose
//     last statement failed with a connection error is never put back.
//   - Statements are never re-sent after a connection error (a write may have happened): the
//     caller gets Unavailable (retryable) and decides. The exception is a transaction the server
//     rolled back to break a deadlock: nothing of it happened, so write() runs it again.
//   - Each session: utf8mb4, UTC, strict SQL mode, READ COMMITTED, CLIENT_FOUND_ROWS (an UPDATE
//     reports matched rows, as SQLite does).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sql/sql_database.hpp"

namespace sql {
class Connection;
}

namespace arena::server::storage::mysql {

struct MysqlOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3306;
  std::string user;
  std::string password;
  std::string database;
  int poolSize = 4;
  int connectTimeoutSeconds = 5;
  int acquireTimeoutMs = 10000;
  int idleCheckMs = 5000;
};

class MysqlDatabase final : public arena::server::storage::sql::SqlDatabase {
 public:
  // Connects once to fail fast on a wrong address or password.
  static Result<std::unique_ptr<MysqlDatabase>> open(MysqlOptions options);
  ~MysqlDatabase() override;

  arena::server::storage::sql::Dialect dialect() const override {
    return arena::server::storage::sql::Dialect::Mysql;
  }

 protected:
  Result<void> runRead(const Work& work) override;
  Result<void> runWrite(const Work& work) override;
  Result<void> runExclusive(const Work& work) override;

 private:
  struct Pooled {
    std::unique_ptr<::sql::Connection> connection;
    std::chrono::steady_clock::time_point lastUsed;
  };

  explicit MysqlDatabase(MysqlOptions options);
  Result<std::unique_ptr<::sql::Connection>> connect() const;
  Result<Pooled> acquire();
  void release(Pooled pooled, bool broken);
  Result<void> withConnection(const Work& work, bool transaction);

  MysqlOptions m_options;
  std::mutex m_mutex;
  std::condition_variable m_returned;
  std::vector<Pooled> m_idle;
  int m_open = 0;
};

}  // namespace arena::server::storage::mysql
