#include "storage/sqlite/sqlite_session.hpp"

#include <memory>
#include <string>

#include <sqlite3.h>

namespace arena::server::storage::sqlite {

namespace {

struct StatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

// The start of the statement, for error messages: it carries no values (they are bound).
std::string excerpt(std::string_view sql) {
  constexpr std::size_t kMax = 80;
  std::string text{sql.substr(0, kMax)};
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return sql.size() > kMax ? text + "..." : text;
}

Result<Statement> prepare(sqlite3* connection, std::string_view sql, const sql::SqlParams& params) {
  sqlite3_stmt* raw = nullptr;
  const int rc =
      sqlite3_prepare_v2(connection, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Statement statement{raw};
  if (rc != SQLITE_OK) return std::unexpected(sqliteError(connection, rc, excerpt(sql)));
  int index = 1;
  for (const auto& param : params) {
    const auto& value = param.value();
    int bound = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      bound = sqlite3_bind_null(raw, index);
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      bound = sqlite3_bind_int64(raw, index, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      bound = sqlite3_bind_double(raw, index, *real);
    } else if (const auto* text = std::get_if<std::string_view>(&value)) {
      // SQLITE_STATIC: the view outlives the statement, which is finalised before we return.
      bound =
          sqlite3_bind_text64(raw, index, text->data(), text->size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (bound != SQLITE_OK) return std::unexpected(sqliteError(connection, bound, excerpt(sql)));
    ++index;
  }
  return statement;
}

sql::SqlValue columnValue(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(statement, column)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    case SQLITE_NULL:
      return nullptr;
    default: {
      const auto* text = sqlite3_column_text(statement, column);
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      return std::string{reinterpret_cast<const char*>(text), size};
    }
  }
}

}  // namespace

Error sqliteError(sqlite3* connection, int code, std::string_view context) {
  std::string message = "sqlite: ";
  message += connection != nullptr ? sqlite3_errmsg(connection) : sqlite3_errstr(code);
  if (!context.empty()) {
    message += " (in: ";
    message += context;
    message += ")";
  }
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error{ErrorCode::Conflict, std::move(message), false};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error{ErrorCode::NotFound, "a referenced row does not exist: " + message, false};
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return Error{ErrorCode::InvalidArgument, std::move(message), false};
    case SQLITE_TOOBIG:
      return Error{ErrorCode::PayloadTooLarge, std::move(message), false};
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return Error{ErrorCode::Conflict, std::move(message), false};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      return Error{ErrorCode::Unavailable, std::move(message), true};
    default:
      return Error{ErrorCode::Internal, std::move(message), false};
  }
}

Result<sql::SqlRows> SqliteSession::query(std::string_view sql, const sql::SqlParams& params) {
  auto statement = prepare(m_connection, sql, params);
  if (!statement) return std::unexpected(statement.error());
  sql::SqlRows rows;
  const int columns = sqlite3_column_count(statement->get());
  for (;;) {
    const int rc = sqlite3_step(statement->get());
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) return std::unexpected(sqliteError(m_connection, rc, excerpt(sql)));
    std::vector<sql::SqlValue> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column)
      values.push_back(columnValue(statement->get(), column));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

Result<sql::ExecResult> SqliteSession::execute(std::string_view sql, const sql::SqlParams& params) {
  auto statement = prepare(m_connection, sql, params);
  if (!statement) return std::unexpected(statement.error());
  int rc = SQLITE_ROW;
  while (rc == SQLITE_ROW) rc = sqlite3_step(statement->get());
  if (rc != SQLITE_DONE) return std::unexpected(sqliteError(m_connection, rc, excerpt(sql)));
  return sql::ExecResult{sqlite3_changes64(m_connection), sqlite3_last_insert_rowid(m_connection)};
}

Result<void> SqliteSession::executeScript(std::string_view script) {
  const std::string text{script};  // sqlite3_exec wants a terminated string
  char* errorMessage = nullptr;
  const int rc = sqlite3_exec(m_connection, text.c_str(), nullptr, nullptr, &errorMessage);
  sqlite3_free(errorMessage);  // sqlite3_errmsg below says the same
  if (rc != SQLITE_OK) return std::unexpected(sqliteError(m_connection, rc, ""));
  return {};
}

}  // namespace arena::server::storage::sqlite
