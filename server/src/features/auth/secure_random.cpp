#include "features/auth/secure_random.hpp"

#include <cstdlib>
#include <vector>

#include <sodium.h>

#include "features/auth/base64url.hpp"

namespace arena::server::auth {

bool ensureSodiumReady() {
  // A function-local static runs sodium_init exactly once, even under concurrent first calls.
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string randomToken(std::size_t byteCount) {
  // Without a working CSPRNG every token would be guessable: refuse to go on.
  if (!ensureSodiumReady()) std::abort();
  std::vector<unsigned char> bytes(byteCount);
  randombytes_buf(bytes.data(), bytes.size());
  std::string encoded =
      base64UrlEncode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  sodium_memzero(bytes.data(), bytes.size());
  return encoded;
}

std::string sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

}  // namespace arena::server::auth
