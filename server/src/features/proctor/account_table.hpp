#pragma once
// The table a proctor uploads to create accounts in bulk: CSV (RFC 4180) or TSV, one account a
// row, columns username, display name (optional), email (optional).
//
// Theory of operation
//   The text is read record by record with a small state machine (unquoted field, quoted field,
//   just after a closing quote), so quoted fields may hold the delimiter, doubled quotes and even
//   line breaks; each record remembers the line it started on, and every error names that line.
//   A UTF-8 byte-order mark is skipped, CRLF and LF (and a lone CR) all end a record, blank
//   records are skipped, unquoted fields are trimmed of spaces.
//   The first record is a header when one of its fields names the username column ("username",
//   "user", "login"); a header may list the columns in any order. Without one, the order is
//   fixed: username, display name, email.
//   Parsing checks shape only (columns, quotes, repeats, sizes); what a username or an email
//   may be is checked by the importer with the auth feature's rules. Everything is refused as a
//   whole on the first bad row: an import is all or nothing.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::server::proctor {

struct AccountRow {
  int line = 0;  // 1-based line of the file where the record starts
  std::string username;
  std::string displayName;  // empty: none given
  std::string email;        // empty: none given
};

struct AccountTableLimits {
  std::size_t maxRows = 5000;
  std::size_t maxFieldBytes = 256;
};

// InvalidArgument "line N: ..." for the first bad record, or "no accounts in the file".
// Usernames and emails may not repeat (compared ignoring ASCII case).
Result<std::vector<AccountRow>> parseAccountTable(std::string_view text, char delimiter,
                                                  const AccountTableLimits& limits = {});

}  // namespace arena::server::proctor
