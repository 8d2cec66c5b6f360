#include "features/auth/password_hasher.hpp"

#include <string>

#include <sodium.h>

#include "features/auth/secure_random.hpp"

namespace arena::server::auth {

namespace {

// libsodium's string API wants NUL-terminated hashes; a stored hash longer than the buffer it
// writes is not one of ours.
bool isPlausibleHash(std::string_view storedHash) {
  return !storedHash.empty() && storedHash.size() < crypto_pwhash_STRBYTES &&
         storedHash.find('\0') == std::string_view::npos;
}

}  // namespace

PasswordHashCost PasswordHashCost::interactive() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordHashCost PasswordHashCost::minimum() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

PasswordHasher::PasswordHasher(PasswordHashCost cost) : m_cost(cost) { ensureSodiumReady(); }

Result<void> PasswordHasher::checkPassword(std::string_view password) {
  if (password.size() < kMinPasswordBytes) {
    return fail(ErrorCode::InvalidArgument,
                "password must be at least " + std::to_string(kMinPasswordBytes) + " bytes");
  }
  if (password.size() > kMaxPasswordBytes) {
    return fail(ErrorCode::InvalidArgument,
                "password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes");
  }
  // C-string APIs downstream (and other clients) would silently cut the password at a NUL.
  if (password.find('\0') != std::string_view::npos) {
    return fail(ErrorCode::InvalidArgument, "password must not contain NUL bytes");
  }
  return {};
}

Result<std::string> PasswordHasher::hash(std::string_view password) const {
  if (auto allowed = checkPassword(password); !allowed) return std::unexpected(allowed.error());
  if (!ensureSodiumReady()) return fail(ErrorCode::Internal, "libsodium is not available");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), m_cost.opsLimit, m_cost.memLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(ErrorCode::Internal, "password hashing ran out of memory", true);
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view storedHash, std::string_view password) const {
  if (!checkPassword(password) || !isPlausibleHash(storedHash)) return false;
  const std::string terminated(storedHash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(std::string_view storedHash) const {
  if (!isPlausibleHash(storedHash)) return true;
  const std::string terminated(storedHash);
  // 0: argon2id at this cost; 1: another cost; -1: not argon2id at all (argon2i included).
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), m_cost.opsLimit,
                                                 m_cost.memLimit) != 0;
}

}  // namespace arena::server::auth
