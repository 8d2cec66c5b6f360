#include "storage/mysql/mysql_database.hpp"

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include "storage/mysql/mysql_session.hpp"

namespace arena::server::storage::mysql {

namespace {

// A transaction the server rolled back to break a deadlock is re-run this many times.
constexpr int kDeadlockRetries = 5;

::sql::Driver* driver() {
  // get_driver_instance() is not safe to call concurrently the first time.
  static ::sql::Driver* const kDriver = ::sql::mysql::get_mysql_driver_instance();
  return kDriver;
}

}  // namespace

Result<std::unique_ptr<MysqlDatabase>> MysqlDatabase::open(MysqlOptions options) {
  if (options.database.empty())
    return fail(ErrorCode::InvalidArgument, "mysql: no database name given");
  if (options.poolSize < 1) options.poolSize = 1;
  std::unique_ptr<MysqlDatabase> database{new MysqlDatabase(std::move(options))};
  auto first = database->connect();
  if (!first) return std::unexpected(first.error());
  database->m_idle.push_back(Pooled{std::move(*first), std::chrono::steady_clock::now()});
  database->m_open = 1;
  return database;
}

MysqlDatabase::MysqlDatabase(MysqlOptions options) : m_options(std::move(options)) {}

MysqlDatabase::~MysqlDatabase() = default;

Result<std::unique_ptr<::sql::Connection>> MysqlDatabase::connect() const {
  try {
    ::sql::ConnectOptionsMap properties;
    properties["hostName"] =
        ::sql::SQLString("tcp://" + m_options.host + ":" + std::to_string(m_options.port));
    properties["userName"] = ::sql::SQLString(m_options.user);
    properties["password"] = ::sql::SQLString(m_options.password);
    properties["schema"] = ::sql::SQLString(m_options.database);
    properties["OPT_CONNECT_TIMEOUT"] = m_options.connectTimeoutSeconds;
    properties["OPT_CHARSET_NAME"] = ::sql::SQLString("utf8mb4");
    properties["OPT_RECONNECT"] = false;  // reconnecting silently would lose session settings
    properties["CLIENT_FOUND_ROWS"] = true;
    std::unique_ptr<::sql::Connection> connection{driver()->connect(properties)};
    std::unique_ptr<::sql::Statement> setup{connection->createStatement()};
    setup->execute(
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION,"
        "ERROR_FOR_DIVISION_BY_ZERO', time_zone = '+00:00'");
    setup->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    return connection;
  } catch (const ::sql::SQLException& exception) {
    return std::unexpected(
        mysqlError(exception.getErrorCode(), exception.getSQLState(), exception.what(),
                   "connecting to " + m_options.host + ":" + std::to_string(m_options.port)));
  } catch (const std::exception& exception) {
    return fail(ErrorCode::Unavailable, std::string{"mysql: cannot connect: "} + exception.what(),
                true);
  }
}

Result<MysqlDatabase::Pooled> MysqlDatabase::acquire() {
  const auto now = std::chrono::steady_clock::now();
  {
    std::unique_lock lock(m_mutex);
    const bool ready =
        m_returned.wait_for(lock, std::chrono::milliseconds{m_options.acquireTimeoutMs},
                            [&] { return !m_idle.empty() || m_open < m_options.poolSize; });
    if (!ready) {
      return fail(ErrorCode::Unavailable,
                  "mysql: no free connection in the pool (all " +
                      std::to_string(m_options.poolSize) + " busy)",
                  true);
    }
    if (!m_idle.empty()) {
      Pooled pooled = std::move(m_idle.back());
      m_idle.pop_back();
      lock.unlock();
      const bool stale = now - pooled.lastUsed > std::chrono::milliseconds{m_options.idleCheckMs};
      bool alive = true;
      if (stale) {
        try {
          alive = pooled.connection->isValid();
        } catch (const std::exception&) {
          alive = false;
        }
      }
      if (alive) return pooled;
      // Dead: replace it below, keeping the count (the slot stays ours).
      pooled.connection.reset();
      auto fresh = connect();
      if (!fresh) {
        release(Pooled{}, true);
        return std::unexpected(fresh.error());
      }
      return Pooled{std::move(*fresh), now};
    }
    ++m_open;
  }
  auto fresh = connect();
  if (!fresh) {
    release(Pooled{}, true);
    return std::unexpected(fresh.error());
  }
  return Pooled{std::move(*fresh), now};
}

void MysqlDatabase::release(Pooled pooled, bool broken) {
  {
    std::lock_guard lock(m_mutex);
    if (broken || !pooled.connection) {
      --m_open;
    } else {
      pooled.lastUsed = std::chrono::steady_clock::now();
      m_idle.push_back(std::move(pooled));
    }
  }
  m_returned.notify_one();
}

Result<void> MysqlDatabase::withConnection(const Work& work, bool transaction) {
  auto pooled = acquire();
  if (!pooled) return std::unexpected(pooled.error());
  MysqlSession session{*pooled->connection};
  Result<void> result;
  for (int attempt = 0;; ++attempt) {
    session.resetFlags();
    if (!transaction) {
      result = work(session);
      break;
    }
    result = session.executeScript("START TRANSACTION");
    if (result) result = work(session);
    if (result) result = session.executeScript("COMMIT");
    if (!result && !session.broken()) static_cast<void>(session.executeScript("ROLLBACK"));
    if (result || session.broken() || !session.rolledBackByServer() ||
        attempt + 1 >= kDeadlockRetries)
      break;
  }
  release(std::move(*pooled), session.broken());
  return result;
}

Result<void> MysqlDatabase::runRead(const Work& work) { return withConnection(work, false); }
Result<void> MysqlDatabase::runWrite(const Work& work) { return withConnection(work, true); }
Result<void> MysqlDatabase::runExclusive(const Work& work) { return withConnection(work, false); }

}  // namespace arena::server::storage::mysql
