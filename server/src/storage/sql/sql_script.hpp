#pragma once

#include <string_view>
#include <vector>

namespace arena::server::storage::sql {

// Splits a migration script into statements at ';' outside quotes and comments. Statements that
// are only comments or whitespace are dropped. Needed for MySQL, whose prepared statements take
// one statement at a time; the script format stays the one a `mariadb < file.sql` accepts.
std::vector<std::string_view> splitSqlScript(std::string_view script);

}  // namespace arena::server::storage::sql
