#pragma once
// libsodium behind three small functions: its one-time initialisation, unpredictable tokens and
// SHA-256. Everything in the auth feature that needs randomness or sodium goes through here, so
// sodium_init is guaranteed to have run first.

#include <cstddef>
#include <string>
#include <string_view>

namespace arena::server::auth {

// Idempotent and thread-safe; false only when libsodium cannot initialise (no entropy source),
// a state the process cannot recover from.
bool ensureSodiumReady();

// `byteCount` bytes from the OS CSPRNG, base64url-encoded (32 bytes -> 43 characters).
std::string randomToken(std::size_t byteCount);

// Lower-case hex SHA-256: how refresh tokens are stored, so a leaked table grants nothing.
std::string sha256Hex(std::string_view bytes);

}  // namespace arena::server::auth
