#include "features/proctor/account_import.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include "features/auth/credential_rules.hpp"
#include "features/proctor/readable_password.hpp"

namespace arena::server::proctor {

namespace {

std::string atLine(int line, const std::string& message) {
  return "line " + std::to_string(line) + ": " + message;
}

// The length of the UTF-8 sequence starting with `lead`, 0 for a byte that cannot start one.
std::size_t sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

Result<void> checkDisplayName(std::string_view name, std::size_t maxBytes) {
  if (name.size() > maxBytes) {
    return fail(ErrorCode::InvalidArgument,
                "the display name is longer than " + std::to_string(maxBytes) + " bytes");
  }
  for (std::size_t i = 0; i < name.size();) {
    const auto lead = static_cast<unsigned char>(name[i]);
    const std::size_t length = sequenceLength(lead);
    if (length == 0 || i + length > name.size()) {
      return fail(ErrorCode::InvalidArgument, "the display name is not valid UTF-8");
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(name[i + k]) & 0xC0) != 0x80) {
        return fail(ErrorCode::InvalidArgument, "the display name is not valid UTF-8");
      }
    }
    if (length == 1 && (lead < 0x20 || lead == 0x7F)) {
      return fail(ErrorCode::InvalidArgument, "the display name contains a control character");
    }
    i += length;
  }
  return {};
}

AccountImporter::AccountImporter(storage::UserRepository& users, auth::PasswordHasher hasher,
                                 AccountImportOptions options)
    : m_users(users), m_hasher(std::move(hasher)), m_options(std::move(options)) {}

Result<std::vector<ImportedAccount>> AccountImporter::import(std::string_view table,
                                                             char delimiter) {
  auto rows = parseAccountTable(table, delimiter, m_options.limits);
  if (!rows) return std::unexpected(rows.error());

  // 1. Every row valid and free, before any expensive hashing.
  std::vector<storage::NewUser> newUsers;
  std::vector<ImportedAccount> accounts;
  newUsers.reserve(rows->size());
  accounts.reserve(rows->size());
  for (const AccountRow& row : *rows) {
    if (auto valid = auth::checkUsername(row.username); !valid) {
      return fail(ErrorCode::InvalidArgument, atLine(row.line, valid.error().message));
    }
    const std::string email =
        row.email.empty() ? row.username + "@" + m_options.placeholderDomain : row.email;
    auto normalised = auth::normaliseEmail(email);
    if (!normalised) {
      return fail(ErrorCode::InvalidArgument, atLine(row.line, normalised.error().message));
    }
    if (auto valid = checkDisplayName(row.displayName, m_options.maxDisplayNameBytes); !valid) {
      return fail(ErrorCode::InvalidArgument, atLine(row.line, valid.error().message));
    }
    if (auto taken = m_users.findByUsername(row.username); taken) {
      return fail(ErrorCode::Conflict,
                  atLine(row.line, "username '" + row.username + "' is already taken"));
    } else if (taken.error().code != ErrorCode::NotFound) {
      return std::unexpected(taken.error());
    }
    if (auto taken = m_users.findByEmail(*normalised); taken) {
      return fail(ErrorCode::Conflict,
                  atLine(row.line, "email '" + *normalised + "' already has an account"));
    } else if (taken.error().code != ErrorCode::NotFound) {
      return std::unexpected(taken.error());
    }
    newUsers.push_back({*normalised, row.username, {}, model::Role::Contestant});
    ImportedAccount account;
    account.displayName = row.displayName.empty() ? row.username : row.displayName;
    account.password = readablePassword();
    accounts.push_back(std::move(account));
  }

  // 2. The slow part, in parallel.
  std::vector<std::string> passwords;
  passwords.reserve(accounts.size());
  for (const auto& account : accounts) passwords.push_back(account.password);
  auto hashes = hashAll(passwords);
  if (!hashes) return std::unexpected(hashes.error());
  for (std::size_t i = 0; i < newUsers.size(); ++i) newUsers[i].passwordHash = (*hashes)[i];

  // 3. All or nothing.
  auto created = m_users.createMany(newUsers);
  if (!created) return std::unexpected(created.error());
  for (std::size_t i = 0; i < accounts.size(); ++i) accounts[i].user = (*created)[i].user;
  return accounts;
}

Result<std::vector<std::string>> AccountImporter::hashAll(
    const std::vector<std::string>& passwords) const {
  const int hardware = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const int wanted = m_options.hashThreads > 0 ? m_options.hashThreads : std::min(hardware, 4);
  const std::size_t threads =
      std::clamp<std::size_t>(passwords.size(), 1, static_cast<std::size_t>(wanted));

  std::vector<std::string> hashes(passwords.size());
  std::vector<std::optional<Error>> errors(passwords.size());
  std::atomic<std::size_t> nextIndex{0};
  // Each worker takes the next unhashed index; results land in their own slots, so the workers
  // share nothing but the counter. hash() returns errors, never throws.
  auto work = [&] {
    for (std::size_t i = nextIndex++; i < passwords.size(); i = nextIndex++) {
      auto hash = m_hasher.hash(passwords[i]);
      if (hash) {
        hashes[i] = std::move(*hash);
      } else {
        errors[i] = hash.error();
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  for (const auto& error : errors) {
    if (error) return std::unexpected(*error);
  }
  return hashes;
}

}  // namespace arena::server::proctor
