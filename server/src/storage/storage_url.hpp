#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "arena/core/error.hpp"

namespace arena::server::storage {

// sqlite:///absolute/path.db, or sqlite://:memory: (one connection; tests and experiments)
struct SqliteUrl {
  std::string path;
  friend bool operator==(const SqliteUrl&, const SqliteUrl&) = default;
};

// mysql://user:password@host[:port]/database; user and password are percent-decoded, so a
// password may hold any character ('@' as %40, ':' as %3A, '/' as %2F).
struct MysqlUrl {
  std::string user;
  std::string password;
  std::string host;
  std::uint16_t port = 3306;
  std::string database;
  friend bool operator==(const MysqlUrl&, const MysqlUrl&) = default;
};

using StorageUrl = std::variant<SqliteUrl, MysqlUrl>;

// InvalidArgument with a message that never repeats the password.
Result<StorageUrl> parseStorageUrl(std::string_view url);

}  // namespace arena::server::storage
