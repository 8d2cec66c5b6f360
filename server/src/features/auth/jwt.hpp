#pragma once
// Access tokens: compact JWS with HS256 only (RFC 7515/7519), written here over OpenSSL's HMAC
// rather than a general JWT library, because the dangerous part of JWT is its flexibility.
//
// Theory of operation
//   issue:  base64url({"alg":"HS256","typ":"JWT"}) . base64url(claims) . base64url(HMAC-SHA256)
//           claims: sub (user id as a string), name, role, iat, exp (seconds), jti, typ:"access".
//   verify, in this order, every failure the same ErrorCode::Unauthenticated:
//     1. at most kMaxTokenBytes, exactly three non-empty segments, each strict base64url;
//     2. the header is a JSON object holding exactly alg:"HS256" and optionally typ:"JWT" —
//        "none", "HS512", a missing alg or any extra header field (kid, jku, crit...) is refused,
//        so the token can never choose how it is checked;
//     3. the signature is 32 bytes equal (CRYPTO_memcmp, constant time) to our own HMAC;
//     4. only then is the payload parsed: every claim present with its type, typ "access";
//     5. time: refused once now >= exp + leeway, or when iat > now + leeway.
//   The leeway (default 10 s) absorbs clock differences between server replicas; it is small
//   next to the 15-minute lifetime, so an expired token is not usable for long.
//
// The clock is injectable so tests can stand at any instant.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/user.hpp"

namespace arena::server::auth {

using Clock = std::function<Timestamp()>;

// The real wall clock, truncated to milliseconds.
Timestamp systemNow();

struct JwtOptions {
  std::chrono::seconds lifetime{900};
  std::chrono::seconds leeway{10};
};

// What a valid access token says.
struct AccessClaims {
  std::int64_t userId = 0;
  std::string username;
  model::Role role = model::Role::Contestant;
  Timestamp issuedAt{};   // whole seconds, as carried in the token
  Timestamp expiresAt{};  // whole seconds
  std::string tokenId;    // jti

  friend bool operator==(const AccessClaims&, const AccessClaims&) = default;
};

class Jwt {
 public:
  static constexpr std::size_t kMinSecretBytes = 32;
  static constexpr std::size_t kMaxTokenBytes = 4096;

  // InvalidArgument for a secret shorter than kMinSecretBytes or a non-positive lifetime.
  static Result<Jwt> create(std::string secret, Clock clock = systemNow, JwtOptions options = {});

  // A fresh token for this user, valid from now for options.lifetime, with a random jti.
  std::string issue(const model::User& user) const;
  Result<AccessClaims> verify(std::string_view token) const;

  std::chrono::seconds lifetime() const { return m_options.lifetime; }

 private:
  Jwt(std::string secret, Clock clock, JwtOptions options);

  std::string sign(std::string_view signingInput) const;

  std::string m_secret;
  Clock m_clock;
  JwtOptions m_options;
};

}  // namespace arena::server::auth
