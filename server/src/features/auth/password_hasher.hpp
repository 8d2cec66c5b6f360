#pragma once
// Password storage: argon2id (libsodium's crypto_pwhash_str_alg), each hash a self-describing
// "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string with its own random salt and cost, so verify
// needs nothing but the string, and needsRehash tells when a stored hash is cheaper than today's
// cost. Hashing is deliberately slow (interactive cost: about 64 MiB and a fraction of a second);
// tests use PasswordHashCost::minimum() to stay fast.

#include <cstddef>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena::server::auth {

struct PasswordHashCost {
  unsigned long long opsLimit = 0;
  std::size_t memLimit = 0;

  // libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE: the production default.
  static PasswordHashCost interactive();
  // The smallest cost argon2id accepts: for tests only.
  static PasswordHashCost minimum();
};

class PasswordHasher {
 public:
  static constexpr std::size_t kMinPasswordBytes = 8;
  // argon2 would take more, but a bound keeps hostile bodies from buying CPU time.
  static constexpr std::size_t kMaxPasswordBytes = 128;

  explicit PasswordHasher(PasswordHashCost cost = PasswordHashCost::interactive());

  // InvalidArgument naming the rule for a password that may not be chosen (length, NUL byte).
  static Result<void> checkPassword(std::string_view password);

  // InvalidArgument for a password checkPassword refuses; Internal when argon2 cannot allocate.
  Result<std::string> hash(std::string_view password) const;
  // False for a wrong password, a password no account could have, or a malformed hash.
  bool verify(std::string_view storedHash, std::string_view password) const;
  // True when the stored hash uses a different algorithm or cost than this hasher.
  bool needsRehash(std::string_view storedHash) const;

  const PasswordHashCost& cost() const { return m_cost; }

 private:
  PasswordHashCost m_cost;
};

}  // namespace arena::server::auth
