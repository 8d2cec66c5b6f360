#pragma once
// What an email address and a username may look like. Deliberately simple shapes rather than the
// full RFC 5322 grammar: enough to catch typos and hostile input, never a reason to reject a
// real address. Both rules are shared by registration and the admin bootstrap.

#include <cstddef>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena::server::auth {

struct CredentialRules {
  static constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321's path limit
  static constexpr std::size_t kMaxEmailLocalBytes = 64;
  static constexpr std::size_t kMinUsernameBytes = 3;
  static constexpr std::size_t kMaxUsernameBytes = 32;
};

// "local@domain.tld": one '@', a local part of visible ASCII (quotes and other SQL-ish
// punctuation included), a dotted domain of letters, digits and hyphens (IDNs as xn--).
// Returns the address ASCII-lower-cased, the form stored and looked up, so "Ann@X.org" and
// "ann@x.org" are one account. InvalidArgument saying what is wrong otherwise.
Result<std::string> normaliseEmail(std::string_view email);

// 3..32 bytes of [A-Za-z0-9_.-]: safe in URLs, logs and leaderboards without escaping.
Result<void> checkUsername(std::string_view username);

}  // namespace arena::server::auth
