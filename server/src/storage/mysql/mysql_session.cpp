#include "storage/mysql/mysql_session.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include "storage/sql/sql_script.hpp"

namespace arena::server::storage::mysql {

namespace db = arena::server::storage::sql;

namespace {

// Server and client error numbers this layer gives a meaning to.
constexpr int kDuplicateEntry = 1062;
constexpr int kDuplicateEntryWithKey = 1586;
constexpr int kNoReferencedRow = 1452;
constexpr int kNoReferencedRowOld = 1216;
constexpr int kRowIsReferenced = 1451;
constexpr int kRowIsReferencedOld = 1217;
constexpr int kLockWaitTimeout = 1205;
constexpr int kDeadlock = 1213;
constexpr int kPacketTooLarge = 1153;
constexpr int kDataTooLong = 1406;
constexpr int kBadNull = 1048;
constexpr int kNoDefault = 1364;
constexpr int kTruncated = 1265;
constexpr int kOutOfRange = 1264;
constexpr int kIncorrectString = 1366;
constexpr int kCheckFailedMysql = 3819;
constexpr int kCheckFailedMariadb = 4025;
constexpr int kAccessDenied = 1045;
constexpr int kDbAccessDenied = 1044;
constexpr int kUnknownDatabase = 1049;
constexpr int kTooManyConnections = 1040;
constexpr int kServerShutdown = 1053;
constexpr int kConnectionKilled = 1927;

std::string excerpt(std::string_view sql) {
  constexpr std::size_t kMax = 80;
  std::string text{sql.substr(0, kMax)};
  std::replace(text.begin(), text.end(), '\n', ' ');
  return sql.size() > kMax ? text + "..." : text;
}

void bind(::sql::PreparedStatement& statement, const db::SqlParams& params) {
  unsigned int index = 1;
  for (const auto& param : params) {
    const auto& value = param.value();
    if (std::holds_alternative<std::nullptr_t>(value)) {
      statement.setNull(index, ::sql::DataType::VARCHAR);
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      statement.setInt64(index, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      statement.setDouble(index, *real);
    } else if (const auto* text = std::get_if<std::string_view>(&value)) {
      statement.setString(index, ::sql::SQLString(std::string{*text}));
    }
    ++index;
  }
}

db::SqlValue columnValue(::sql::ResultSet& rows, ::sql::ResultSetMetaData& meta,
                         unsigned int column) {
  if (rows.isNull(column)) return nullptr;
  switch (meta.getColumnType(column)) {
    case ::sql::DataType::BIT:
    case ::sql::DataType::TINYINT:
    case ::sql::DataType::SMALLINT:
    case ::sql::DataType::MEDIUMINT:
    case ::sql::DataType::INTEGER:
    case ::sql::DataType::BIGINT:
    case ::sql::DataType::YEAR:
      return std::int64_t{rows.getInt64(column)};
    case ::sql::DataType::REAL:
    case ::sql::DataType::DOUBLE:
    case ::sql::DataType::DECIMAL:
    case ::sql::DataType::NUMERIC:
      return static_cast<double>(rows.getDouble(column));
    default: {
      const ::sql::SQLString text = rows.getString(column);
      return std::string{text.c_str(), text.length()};
    }
  }
}

bool startsWithInsert(std::string_view sql) {
  while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.front())) != 0)
    sql.remove_prefix(1);
  constexpr std::string_view kInsert = "INSERT";
  if (sql.size() < kInsert.size()) return false;
  return std::equal(kInsert.begin(), kInsert.end(), sql.begin(), [](char a, char b) {
    return a == std::toupper(static_cast<unsigned char>(b));
  });
}

}  // namespace

bool isConnectionError(int errorCode, std::string_view sqlState) {
  // 2000-2999 are client-side errors: lost connection, cannot connect, server gone away, ...
  return (errorCode >= 2000 && errorCode < 3000) || errorCode == kTooManyConnections ||
         errorCode == kServerShutdown || errorCode == kConnectionKilled ||
         sqlState.starts_with("08");
}

Error mysqlError(int errorCode, std::string_view sqlState, std::string_view what,
                 std::string_view context) {
  std::string message = "mysql: ";
  message += what;
  message += " (error " + std::to_string(errorCode);
  if (!context.empty()) {
    message += ", in: ";
    message += context;
  }
  message += ")";
  switch (errorCode) {
    case kDuplicateEntry:
    case kDuplicateEntryWithKey:
    case kRowIsReferenced:
    case kRowIsReferencedOld:
      return Error{ErrorCode::Conflict, std::move(message), false};
    case kNoReferencedRow:
    case kNoReferencedRowOld:
      return Error{ErrorCode::NotFound, "a referenced row does not exist: " + message, false};
    case kBadNull:
    case kNoDefault:
    case kTruncated:
    case kOutOfRange:
    case kIncorrectString:
    case kCheckFailedMysql:
    case kCheckFailedMariadb:
    case kDataTooLong:
      return Error{ErrorCode::InvalidArgument, std::move(message), false};
    case kPacketTooLarge:
      return Error{ErrorCode::PayloadTooLarge, std::move(message), false};
    case kDeadlock:
      return Error{ErrorCode::Unavailable, std::move(message), true};
    case kLockWaitTimeout:
      return Error{ErrorCode::Timeout, std::move(message), true};
    case kAccessDenied:
    case kDbAccessDenied:
    case kUnknownDatabase:
      return Error{ErrorCode::Unavailable, std::move(message), false};
    default:
      break;
  }
  if (isConnectionError(errorCode, sqlState))
    return Error{ErrorCode::Unavailable, std::move(message), true};
  return Error{ErrorCode::Internal, std::move(message), false};
}

Error MysqlSession::translate(const ::sql::SQLException& exception, std::string_view context) {
  const int code = exception.getErrorCode();
  if (isConnectionError(code, exception.getSQLState())) m_broken = true;
  if (code == kDeadlock) m_rolledBack = true;
  return mysqlError(code, exception.getSQLState(), exception.what(), context);
}

Result<db::SqlRows> MysqlSession::query(std::string_view sql, const db::SqlParams& params) {
  try {
    std::unique_ptr<::sql::PreparedStatement> statement{
        m_connection.prepareStatement(::sql::SQLString(std::string{sql}))};
    bind(*statement, params);
    std::unique_ptr<::sql::ResultSet> rows{statement->executeQuery()};
    auto* meta = rows->getMetaData();
    const unsigned int columns = meta->getColumnCount();
    db::SqlRows out;
    while (rows->next()) {
      std::vector<db::SqlValue> values;
      values.reserve(columns);
      for (unsigned int column = 1; column <= columns; ++column)
        values.push_back(columnValue(*rows, *meta, column));
      out.emplace_back(std::move(values));
    }
    return out;
  } catch (const ::sql::SQLException& exception) {
    return std::unexpected(translate(exception, excerpt(sql)));
  } catch (const std::exception& exception) {
    return fail(ErrorCode::Internal, std::string{"mysql: "} + exception.what());
  }
}

Result<db::ExecResult> MysqlSession::execute(std::string_view sql, const db::SqlParams& params) {
  try {
    std::unique_ptr<::sql::PreparedStatement> statement{
        m_connection.prepareStatement(::sql::SQLString(std::string{sql}))};
    bind(*statement, params);
    db::ExecResult result;
    result.affectedRows = statement->executeUpdate();
    if (startsWithInsert(sql)) {
      // LAST_INSERT_ID() is per connection, so no other session's insert can interfere.
      std::unique_ptr<::sql::Statement> idQuery{m_connection.createStatement()};
      std::unique_ptr<::sql::ResultSet> id{idQuery->executeQuery("SELECT LAST_INSERT_ID()")};
      if (id->next()) result.lastInsertId = id->getInt64(1);
    }
    return result;
  } catch (const ::sql::SQLException& exception) {
    return std::unexpected(translate(exception, excerpt(sql)));
  } catch (const std::exception& exception) {
    return fail(ErrorCode::Internal, std::string{"mysql: "} + exception.what());
  }
}

Result<void> MysqlSession::executeScript(std::string_view script) {
  for (const auto statementText : db::splitSqlScript(script)) {
    try {
      std::unique_ptr<::sql::Statement> statement{m_connection.createStatement()};
      statement->execute(::sql::SQLString(std::string{statementText}));
    } catch (const ::sql::SQLException& exception) {
      return std::unexpected(translate(exception, excerpt(statementText)));
    } catch (const std::exception& exception) {
      return fail(ErrorCode::Internal, std::string{"mysql: "} + exception.what());
    }
  }
  return {};
}

}  // namespace arena::server::storage::mysql
