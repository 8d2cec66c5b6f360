#pragma once
// Rotating refresh tokens with family revocation: each refresh uses up the presented token and
// issues a new one in the same family. A token presented twice means it was stolen (or replayed):
// the auth feature then revokes the whole family, logging out both the thief and the victim.

#include <cstdint>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"

namespace arena::server::storage {

struct RefreshToken {
  std::string tokenHash;  // never the token itself
  std::int64_t userId = 0;
  std::string familyId;
  Timestamp issuedAt{};
  Timestamp expiresAt{};
  bool used = false;
  bool revoked = false;

  friend bool operator==(const RefreshToken&, const RefreshToken&) = default;
};

class RefreshTokenRepository {
 public:
  virtual ~RefreshTokenRepository() = default;

  // Conflict when the hash exists already; NotFound for an unknown user.
  virtual Result<void> store(const RefreshToken& token) = 0;
  virtual Result<RefreshToken> find(std::string_view tokenHash) = 0;
  // True when this call used the token up; false when it was already used (a replay).
  // NotFound for an unknown hash.
  virtual Result<bool> markUsed(std::string_view tokenHash) = 0;
  // Returns how many tokens of the family were revoked by this call.
  virtual Result<std::int64_t> revokeFamily(std::string_view familyId) = 0;
};

}  // namespace arena::server::storage
