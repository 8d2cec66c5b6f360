#pragma once
// The values that cross the line between repositories and a database backend. Parameters are
// views (bound for the duration of one call, so a multi-megabyte test case is never copied just
// to be bound); results own their data.

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"

namespace arena::server::storage::sql {

// One bound `?` parameter. Values are only ever bound, never spliced into SQL text.
class SqlParam {
 public:
  using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string_view>;

  SqlParam(std::nullptr_t) : m_value(nullptr) {}
  SqlParam(bool value) : m_value(std::int64_t{value ? 1 : 0}) {}
  template <std::integral T>
  requires(!std::same_as<T, bool> && !std::same_as<T, char>) SqlParam(T value)
      : m_value(static_cast<std::int64_t>(value)) {}
  SqlParam(double value) : m_value(value) {}
  SqlParam(std::string_view value) : m_value(value) {}
  SqlParam(const std::string& value) : m_value(std::string_view{value}) {}
  SqlParam(const char* value) : m_value(std::string_view{value}) {}
  SqlParam(Timestamp value) : m_value(std::int64_t{value.time_since_epoch().count()}) {}
  template <class T>
  SqlParam(const std::optional<T>& value) : SqlParam(nullptr) {
    if (value) *this = SqlParam(*value);
  }

  const Value& value() const { return m_value; }

 private:
  Value m_value;
};

using SqlParams = std::vector<SqlParam>;

// One result value, as the backend reported it.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// One result row. Getters check the type; a mismatch means the schema and the code disagree,
// which is reported as an Internal error by the repository that asked.
class SqlRow {
 public:
  explicit SqlRow(std::vector<SqlValue> values) : m_values(std::move(values)) {}

  std::size_t size() const { return m_values.size(); }
  bool isNull(std::size_t column) const;
  std::int64_t int64(std::size_t column) const;
  std::int32_t int32(std::size_t column) const;
  bool boolean(std::size_t column) const { return int64(column) != 0; }
  double real(std::size_t column) const;
  std::string text(std::size_t column) const;
  Timestamp timestamp(std::size_t column) const {
    return Timestamp{std::chrono::milliseconds{int64(column)}};
  }
  std::optional<std::int64_t> optInt64(std::size_t column) const;
  std::optional<Timestamp> optTimestamp(std::size_t column) const;
  std::optional<std::string> optText(std::size_t column) const;

 private:
  std::vector<SqlValue> m_values;
};

using SqlRows = std::vector<SqlRow>;

struct ExecResult {
  std::int64_t affectedRows = 0;  // rows matched by an UPDATE (not only rows changed)
  std::int64_t lastInsertId = 0;
};

}  // namespace arena::server::storage::sql
