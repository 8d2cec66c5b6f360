#pragma once
// What a first start makes so that `arena-server` with no configuration is a complete lab
// server: the data directory, a JWT signing secret, and an `admin` account. Secrets are files
// of mode 0600 in <data dir>/secrets (mode 0700); they are made once and reused on every start.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "arena/core/error.hpp"
#include "arena/model/user.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::app {

// Creates <data dir> (0711) and <data dir>/secrets (0700) when missing.
Result<void> prepareDataDir(const std::filesystem::path& dataDir);

// Creates an empty file of mode 0600 when `path` does not exist yet. For the SQLite database:
// SQLite gives its -wal and -shm files the database file's mode, so all three stay private
// although the data directory must stay traversable for the sandbox's boxes.
Result<void> createPrivateFile(const std::filesystem::path& path);

// <data dir>/secrets/jwt-secret: 64 random bytes as hex, made on first use.
Result<std::string> loadOrCreateJwtSecret(const std::filesystem::path& dataDir);

// A password of `length` characters from an alphabet without look-alikes (no 0/O, 1/l/I).
std::string generatePassword(std::size_t length = 20);

using CreateAccount = std::function<Result<model::User>(const std::string& email,
                                                        const std::string& username,
                                                        const std::string& password,
                                                        model::Role role)>;

struct AdminAccount {
  std::filesystem::path passwordFile;     // <data dir>/secrets/admin-password
  std::optional<std::string> newPassword;  // set only on the start that created the account
};

// Makes the `admin` account on first start, its password in <data dir>/secrets/admin-password.
Result<AdminAccount> ensureAdminAccount(storage::UserRepository& users,
                                        const std::filesystem::path& dataDir,
                                        const CreateAccount& createAccount);

}  // namespace arena::server::app
