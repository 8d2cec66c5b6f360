#include <charconv>
#include <cmath>
#include <limits>

#include "storage/sql/sql_value.hpp"

namespace arena::server::storage::sql {

namespace {

// A row getter asked for the wrong type: the schema and the code disagree. Answer a neutral value;
// the tests catch the disagreement, and a crash in production would be worse.
std::int64_t toInt64(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value))
    return static_cast<std::int64_t>(std::llround(*real));
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::int64_t parsed = 0;
    std::from_chars(text->data(), text->data() + text->size(), parsed);
    return parsed;
  }
  return 0;
}

}  // namespace

bool SqlRow::isNull(std::size_t column) const {
  return column >= m_values.size() || std::holds_alternative<std::nullptr_t>(m_values[column]);
}

std::int64_t SqlRow::int64(std::size_t column) const {
  return column < m_values.size() ? toInt64(m_values[column]) : 0;
}

std::int32_t SqlRow::int32(std::size_t column) const {
  const auto value = int64(column);
  if (value > std::numeric_limits<std::int32_t>::max())
    return std::numeric_limits<std::int32_t>::max();
  if (value < std::numeric_limits<std::int32_t>::min())
    return std::numeric_limits<std::int32_t>::min();
  return static_cast<std::int32_t>(value);
}

double SqlRow::real(std::size_t column) const {
  if (column >= m_values.size()) return 0.0;
  const auto& value = m_values[column];
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* text = std::get_if<std::string>(&value)) {
    double parsed = 0.0;
    std::from_chars(text->data(), text->data() + text->size(), parsed);
    return parsed;
  }
  return 0.0;
}

std::string SqlRow::text(std::size_t column) const {
  if (column >= m_values.size()) return {};
  const auto& value = m_values[column];
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  return {};
}

std::optional<std::int64_t> SqlRow::optInt64(std::size_t column) const {
  if (isNull(column)) return std::nullopt;
  return int64(column);
}

std::optional<Timestamp> SqlRow::optTimestamp(std::size_t column) const {
  if (isNull(column)) return std::nullopt;
  return timestamp(column);
}

std::optional<std::string> SqlRow::optText(std::size_t column) const {
  if (isNull(column)) return std::nullopt;
  return text(column);
}

}  // namespace arena::server::storage::sql
