#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include "storage/sqlite/sqlite_session.hpp"

namespace arena::server::storage::sqlite {

namespace {

Result<void> exec(sqlite3* connection, const char* sql) {
  const int rc = sqlite3_exec(connection, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sqliteError(connection, rc, sql));
  return {};
}

// Runs work in BEGIN IMMEDIATE ... COMMIT: IMMEDIATE takes the write lock up front, so a
// transaction never fails half-way for want of it.
Result<void> inTransaction(sqlite3* connection, const sql::SqlDatabase::Work& work);

}  // namespace

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(SqliteOptions options) {
  if (options.path.empty()) return fail(ErrorCode::InvalidArgument, "sqlite: empty database path");
  std::unique_ptr<SqliteDatabase> database{new SqliteDatabase(std::move(options))};
  auto writer = database->openConnection(false);
  if (!writer) return std::unexpected(writer.error());
  database->m_writer = *writer;
  if (!database->inMemory()) {
    // WAL is a property of the file: set once, kept by every later connection.
    if (auto wal = exec(database->m_writer, "PRAGMA journal_mode=WAL"); !wal) {
      return std::unexpected(wal.error());
    }
  }
  return database;
}

SqliteDatabase::~SqliteDatabase() {
  for (auto* reader : m_idleReaders) sqlite3_close_v2(reader);
  sqlite3_close_v2(m_writer);
}

Result<sqlite3*> SqliteDatabase::openConnection(bool readOnly) const {
  sqlite3* connection = nullptr;
  // NOMUTEX: a connection is only ever used by one thread at a time (see the header).
  const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(m_options.path.c_str(), &connection, flags, nullptr);
  if (rc != SQLITE_OK) {
    auto error = sqliteError(connection, rc, m_options.path);
    sqlite3_close_v2(connection);
    return std::unexpected(std::move(error));
  }
  sqlite3_extended_result_codes(connection, 1);
  sqlite3_busy_timeout(connection, m_options.busyTimeoutMs);
  // synchronous=FULL: a committed submission survives a power cut ("nothing is lost").
  for (const char* pragma : {"PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"}) {
    if (auto done = exec(connection, pragma); !done) {
      sqlite3_close_v2(connection);
      return std::unexpected(done.error());
    }
  }
  return connection;
}

Result<sqlite3*> SqliteDatabase::acquireReader() {
  std::unique_lock lock(m_readMutex);
  m_readerReturned.wait(
      lock, [&] { return !m_idleReaders.empty() || m_openReaders < m_options.readers; });
  if (!m_idleReaders.empty()) {
    auto* reader = m_idleReaders.back();
    m_idleReaders.pop_back();
    return reader;
  }
  ++m_openReaders;
  lock.unlock();
  auto reader = openConnection(true);
  if (!reader) {
    lock.lock();
    --m_openReaders;
    m_readerReturned.notify_one();
  }
  return reader;
}

void SqliteDatabase::releaseReader(sqlite3* connection) {
  {
    std::lock_guard lock(m_readMutex);
    m_idleReaders.push_back(connection);
  }
  m_readerReturned.notify_one();
}

Result<void> SqliteDatabase::runRead(const Work& work) {
  if (inMemory() || m_options.readers <= 0) return runExclusive(work);
  auto reader = acquireReader();
  if (!reader) return std::unexpected(reader.error());
  SqliteSession session{*reader};
  auto result = work(session);
  releaseReader(*reader);
  return result;
}

Result<void> SqliteDatabase::runWrite(const Work& work) {
  std::lock_guard lock(m_writeMutex);
  return inTransaction(m_writer, work);
}

Result<void> SqliteDatabase::runExclusive(const Work& work) {
  std::lock_guard lock(m_writeMutex);
  SqliteSession session{m_writer};
  return work(session);
}

namespace {

Result<void> inTransaction(sqlite3* connection, const sql::SqlDatabase::Work& work) {
  if (auto begun = exec(connection, "BEGIN IMMEDIATE"); !begun) return begun;
  SqliteSession session{connection};
  auto result = work(session);
  if (result) result = exec(connection, "COMMIT");
  // After a failed COMMIT the transaction may still be open; ROLLBACK then ends it.
  if (!result && sqlite3_get_autocommit(connection) == 0)
    static_cast<void>(exec(connection, "ROLLBACK"));
  return result;
}

}  // namespace

}  // namespace arena::server::storage::sqlite
