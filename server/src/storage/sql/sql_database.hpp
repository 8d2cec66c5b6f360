#pragma once
// Theory of operation: the repositories are written once, in SQL both backends accept, against
// this small interface; a backend (sqlite/, mysql/) only knows how to run statements and how to
// hand out connections.
//
// - read(fn): fn gets a connection fit for reading. No transaction is opened: each statement sees
//   committed data. Several readers run at once.
// - write(fn): fn runs inside a transaction on a connection fit for writing; the transaction
//   commits when fn returns a value and rolls back when it returns an error. When the database
//   aborts the transaction to resolve a deadlock, the backend rolls back and runs fn again, so fn
//   must only talk to the database (no side effects outside it).
// - exclusive(fn): fn gets the writing connection with no transaction opened; migrations use it
//   because MySQL commits DDL implicitly and SQLite needs BEGIN IMMEDIATE under its own control.
//
// No exception leaves a backend: every failure is an arena::Error (unique violation -> Conflict,
// missing referenced row -> NotFound, connection lost or busy -> Unavailable, retryable).

#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "arena/core/error.hpp"
#include "storage/sql/sql_value.hpp"

namespace arena::server::storage::sql {

enum class Dialect { Sqlite, Mysql };

// One connection, lent to a read/write/exclusive callback for its duration.
class SqlSession {
 public:
  virtual ~SqlSession() = default;
  virtual Result<SqlRows> query(std::string_view sql, const SqlParams& params = {}) = 0;
  virtual Result<ExecResult> execute(std::string_view sql, const SqlParams& params = {}) = 0;
  // Several statements separated by ';', no parameters: migrations and test set-up only.
  virtual Result<void> executeScript(std::string_view script) = 0;
};

class SqlDatabase {
 public:
  SqlDatabase() = default;
  SqlDatabase(const SqlDatabase&) = delete;
  SqlDatabase& operator=(const SqlDatabase&) = delete;
  virtual ~SqlDatabase() = default;

  virtual Dialect dialect() const = 0;

  // The type-erased callback a backend runs; read/write/exclusive adapt typed callbacks to it.
  using Work = std::function<Result<void>(SqlSession&)>;

  template <class F>
  auto read(F&& fn) {
    return run(&SqlDatabase::runRead, std::forward<F>(fn));
  }
  template <class F>
  auto write(F&& fn) {
    return run(&SqlDatabase::runWrite, std::forward<F>(fn));
  }
  template <class F>
  auto exclusive(F&& fn) {
    return run(&SqlDatabase::runExclusive, std::forward<F>(fn));
  }

 protected:
  virtual Result<void> runRead(const Work& work) = 0;
  virtual Result<void> runWrite(const Work& work) = 0;
  virtual Result<void> runExclusive(const Work& work) = 0;

 private:
  // Adapts a callback returning Result<T> to the type-erased Work and gives its value back.
  template <class F>
  auto run(Result<void> (SqlDatabase::*runner)(const Work&), F&& fn)
      -> std::invoke_result_t<F&, SqlSession&> {
    using R = std::invoke_result_t<F&, SqlSession&>;
    std::optional<R> out;
    auto status = (this->*runner)([&](SqlSession& session) -> Result<void> {
      out.emplace(fn(session));
      if (!out->has_value()) return std::unexpected(out->error());
      return {};
    });
    if (!status) return std::unexpected(status.error());
    return std::move(*out);
  }
};

}  // namespace arena::server::storage::sql
