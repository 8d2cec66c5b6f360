#pragma once
// Bulk account creation for a contest: a proctor uploads a CSV/TSV table (account_table.hpp)
// and gets every account back with a generated password, once, to print.
//
// Theory of operation
//   1. Parse the whole table (shape, repeats) and check every username and email with the auth
//      feature's rules, then look each up: any bad or taken one refuses the whole file, naming its
//      line. Rows without an email get "<username>@<placeholderDomain>" (.invalid: RFC 2606
//      reserves it, so it can never reach anyone).
//   2. Generate a readable password per row and hash them with argon2id. argon2id is slow by
//      design (about 0.1-0.5 s and 64 MiB each at the interactive cost), so the hashes are
//      computed on a few threads at once; the thread count is bounded because each one holds
//      the memory cost.
//   3. Insert every account in one transaction (UserRepository::createMany): a username taken
//      meanwhile by someone else rolls back the lot.
// The plain passwords live only in the returned value; nothing else keeps or logs them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/model/user.hpp"
#include "features/auth/password_hasher.hpp"
#include "features/proctor/account_table.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::proctor {

struct ImportedAccount {
  model::User user;
  std::string displayName;  // the username when the table gave none
  std::string password;     // the generated password, in clear: shown once
};

struct AccountImportOptions {
  AccountTableLimits limits;
  // Threads hashing at once; 0: the hardware's count, at most 4.
  int hashThreads = 0;
  std::string placeholderDomain = "accounts.invalid";
  std::size_t maxDisplayNameBytes = 64;
};

class AccountImporter {
 public:
  AccountImporter(storage::UserRepository& users, auth::PasswordHasher hasher,
                  AccountImportOptions options = {});

  // `delimiter` is ',' for CSV, '\t' for TSV. InvalidArgument naming the line for a bad row,
  // Conflict naming the line for a username or email already taken; nothing is created then.
  Result<std::vector<ImportedAccount>> import(std::string_view table, char delimiter);

 private:
  Result<std::vector<std::string>> hashAll(const std::vector<std::string>& passwords) const;

  storage::UserRepository& m_users;
  auth::PasswordHasher m_hasher;
  AccountImportOptions m_options;
};

// Display names are shown on boards and cards: valid UTF-8, no control characters.
Result<void> checkDisplayName(std::string_view name, std::size_t maxBytes);

}  // namespace arena::server::proctor
