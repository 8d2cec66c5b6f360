#pragma once
// Theory of operation: SQLite allows many readers and one writer. In WAL mode readers never block
// the writer nor each other, so this backend keeps
//   - one writing connection, guarded by a mutex: in-process writers queue on the mutex instead of
//     spinning on SQLITE_BUSY; busy_timeout covers other processes (arena-admin) on the same file;
//   - a small pool of read-only connections (query_only), opened on demand.
// An in-memory database exists per connection, so ":memory:" uses the writing connection for
// reads too. Every connection has foreign_keys=ON and extended result codes, which is how unique
// and foreign-key violations are told apart.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sql/sql_database.hpp"

struct sqlite3;

namespace arena::server::storage::sqlite {

struct SqliteOptions {
  std::string path;  // a file path, or ":memory:"
  int readers = 4;
  int busyTimeoutMs = 5000;
};

class SqliteDatabase final : public sql::SqlDatabase {
 public:
  static Result<std::unique_ptr<SqliteDatabase>> open(SqliteOptions options);
  ~SqliteDatabase() override;

  sql::Dialect dialect() const override { return sql::Dialect::Sqlite; }

 protected:
  Result<void> runRead(const Work& work) override;
  Result<void> runWrite(const Work& work) override;
  Result<void> runExclusive(const Work& work) override;

 private:
  explicit SqliteDatabase(SqliteOptions options) : m_options(std::move(options)) {}
  bool inMemory() const { return m_options.path == ":memory:"; }
  Result<sqlite3*> openConnection(bool readOnly) const;
  Result<sqlite3*> acquireReader();
  void releaseReader(sqlite3* connection);

  SqliteOptions m_options;
  sqlite3* m_writer = nullptr;
  std::mutex m_writeMutex;

  std::mutex m_readMutex;
  std::condition_variable m_readerReturned;
  std::vector<sqlite3*> m_idleReaders;
  int m_openReaders = 0;
};

}  // namespace arena::server::storage::sqlite
