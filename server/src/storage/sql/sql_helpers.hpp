#pragma once
// Small pieces every SQL repository uses.

#include <chrono>
#include <string>
#include <utility>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/enum_names.hpp"
#include "storage/sql/sql_value.hpp"

namespace arena::server::storage::sql {

inline Timestamp now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// The first row mapped by `map`, or NotFound with `what` ("user 7") when there is none.
template <class Map>
auto firstRow(Result<SqlRows> rows, const std::string& what, Map map)
    -> Result<decltype(map(rows->front()))> {
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return fail(ErrorCode::NotFound, what + " not found");
  return map(rows->front());
}

// Reads a stored enum name; an unknown one means the table holds a value this build does not
// know, which the CHECK constraints should have prevented.
template <class E>
E enumColumn(const SqlRow& row, std::size_t column, E fallback) {
  return model::enumFromName<E>(row.text(column)).value_or(fallback);
}

template <class E>
std::string enumText(E value) {
  return std::string{model::enumName(value)};
}

}  // namespace arena::server::storage::sql
