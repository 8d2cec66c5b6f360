#include "features/auth/auth_service.hpp"

#include <utility>

#include "features/auth/base64url.hpp"
#include "features/auth/credential_rules.hpp"
#include "features/auth/secure_random.hpp"

namespace arena::server::auth {

namespace {

constexpr std::size_t kFamilyIdBytes = 16;
constexpr std::string_view kInvalidCredentials = "invalid credentials";
constexpr std::string_view kInvalidRefreshToken = "invalid refresh token";

std::unexpected<Error> unauthenticated(std::string_view message) {
  return fail(ErrorCode::Unauthenticated, std::string(message));
}

// Our refresh tokens are exactly 32 bytes in base64url; anything else is refused before it costs
// a database round trip (and before a huge string is hashed).
bool hasRefreshTokenShape(std::string_view token) {
  if (token.size() != (AuthService::kRefreshTokenBytes * 4 + 2) / 3) return false;
  const auto bytes = base64UrlDecode(token);
  return bytes && bytes->size() == AuthService::kRefreshTokenBytes;
}

}  // namespace

AuthService::AuthService(storage::UserRepository& users,
                         storage::RefreshTokenRepository& refreshTokens,
                         storage::AnalyticsRepository& analytics, PasswordHasher hasher, Jwt jwt,
                         Clock clock, AuthOptions options)
    : m_users(users),
      m_refreshTokens(refreshTokens),
      m_analytics(analytics),
      m_hasher(hasher),
      m_jwt(std::move(jwt)),
      m_clock(clock ? std::move(clock) : Clock(systemNow)),
      m_options(options) {
  // If this fails (no memory for argon2), unknown logins are merely faster to refuse.
  m_dummyHash = m_hasher.hash(randomToken(kRefreshTokenBytes)).value_or(std::string());
}

Result<model::User> AuthService::createAccount(std::string_view email, std::string_view username,
                                               std::string_view password, model::Role role) {
  auto normalisedEmail = normaliseEmail(email);
  if (!normalisedEmail) return std::unexpected(normalisedEmail.error());
  if (auto valid = checkUsername(username); !valid) return std::unexpected(valid.error());
  if (auto valid = PasswordHasher::checkPassword(password); !valid) {
    return std::unexpected(valid.error());
  }

  // Say which of the two is taken: registration already reveals it, and it helps the person.
  if (auto existing = m_users.findByEmail(*normalisedEmail); existing) {
    return fail(ErrorCode::Conflict, "an account with this email already exists");
  } else if (existing.error().code != ErrorCode::NotFound) {
    return std::unexpected(existing.error());
  }
  if (auto existing = m_users.findByUsername(username); existing) {
    return fail(ErrorCode::Conflict, "this username is taken");
  } else if (existing.error().code != ErrorCode::NotFound) {
    return std::unexpected(existing.error());
  }

  auto hash = m_hasher.hash(password);
  if (!hash) return std::unexpected(hash.error());
  // A concurrent registration can still win between the checks and here: the unique indexes
  // decide, and storage answers Conflict ("email or username already taken").
  auto created =
      m_users.create({std::move(*normalisedEmail), std::string(username), std::move(*hash), role});
  if (!created) return std::unexpected(created.error());
  return created->user;
}

Result<AuthTokens> AuthService::registerUser(const Registration& registration) {
  // Self-registration always makes a contestant, whatever else the request carried.
  auto user = createAccount(registration.email, registration.username, registration.password,
                            model::Role::Contestant);
  if (!user) return std::unexpected(user.error());
  recordEvent("register", user->id, "password");
  return startSession(*user);
}

Result<storage::UserAccount> AuthService::findAccount(std::string_view login) {
  if (login.find('@') == std::string_view::npos) return m_users.findByUsername(login);
  auto email = normaliseEmail(login);
  if (!email) return fail(ErrorCode::NotFound, "no such account");
  return m_users.findByEmail(*email);
}

Result<AuthTokens> AuthService::login(const Credentials& credentials) {
  auto account = findAccount(credentials.login);
  if (!account) {
    if (account.error().code != ErrorCode::NotFound) return std::unexpected(account.error());
    // Spend the same argon2 time as for a real account before answering.
    (void)m_hasher.verify(m_dummyHash, credentials.password);
    return unauthenticated(kInvalidCredentials);
  }
  if (!m_hasher.verify(account->passwordHash, credentials.password)) {
    return unauthenticated(kInvalidCredentials);
  }
  recordEvent("login", account->user.id, "password");
  return startSession(account->user);
}

Result<AuthTokens> AuthService::refresh(std::string_view refreshToken) {
  if (!hasRefreshTokenShape(refreshToken)) return unauthenticated(kInvalidRefreshToken);
  const std::string hash = sha256Hex(refreshToken);
  auto stored = m_refreshTokens.find(hash);
  if (!stored) {
    if (stored.error().code == ErrorCode::NotFound) return unauthenticated(kInvalidRefreshToken);
    return std::unexpected(stored.error());
  }
  if (stored->revoked) return unauthenticated("refresh token revoked");
  if (m_clock() >= stored->expiresAt) return unauthenticated("refresh token expired");

  // markUsed, not stored->used, decides: of two concurrent refreshes exactly one wins.
  auto usedNow = m_refreshTokens.markUsed(hash);
  if (!usedNow) return std::unexpected(usedNow.error());
  if (!*usedNow) {
    auto revoked = m_refreshTokens.revokeFamily(stored->familyId);
    if (!revoked) return std::unexpected(revoked.error());
    return unauthenticated("refresh token already used; the session has been ended");
  }

  auto account = m_users.findById(stored->userId);
  if (!account) {
    if (account.error().code == ErrorCode::NotFound) return unauthenticated(kInvalidRefreshToken);
    return std::unexpected(account.error());
  }
  auto tokens = issueTokens(account->user, stored->familyId);
  if (!tokens) return tokens;
  // A concurrent replay or logout may have revoked the family after markUsed but before the
  // successor was stored, missing it. Look again and finish the job, so no token of a revoked
  // family survives whatever the interleaving.
  auto again = m_refreshTokens.find(hash);
  if (!again) return std::unexpected(again.error());
  if (again->revoked) {
    auto revoked = m_refreshTokens.revokeFamily(stored->familyId);
    if (!revoked) return std::unexpected(revoked.error());
    return unauthenticated("refresh token revoked");
  }
  return tokens;
}

Result<void> AuthService::logout(std::string_view refreshToken) {
  if (!hasRefreshTokenShape(refreshToken)) return unauthenticated(kInvalidRefreshToken);
  auto stored = m_refreshTokens.find(sha256Hex(refreshToken));
  if (!stored) {
    if (stored.error().code == ErrorCode::NotFound) return unauthenticated(kInvalidRefreshToken);
    return std::unexpected(stored.error());
  }
  // Even a used or expired token ends its family: logging out twice is harmless.
  auto revoked = m_refreshTokens.revokeFamily(stored->familyId);
  if (!revoked) return std::unexpected(revoked.error());
  return {};
}

Result<model::User> AuthService::me(std::int64_t userId) {
  auto account = m_users.findById(userId);
  if (!account) {
    if (account.error().code == ErrorCode::NotFound) {
      return unauthenticated("the account no longer exists");
    }
    return std::unexpected(account.error());
  }
  return account->user;
}

Result<http::Principal> AuthService::authenticate(std::string_view accessToken) const {
  auto claims = m_jwt.verify(accessToken);
  if (!claims) return std::unexpected(claims.error());
  return http::Principal{claims->userId, std::move(claims->username), claims->role};
}

Result<AuthTokens> AuthService::startSession(const model::User& user) {
  return issueTokens(user, randomToken(kFamilyIdBytes));
}

Result<AuthTokens> AuthService::issueTokens(const model::User& user, const std::string& familyId) {
  std::string refreshToken = randomToken(kRefreshTokenBytes);
  const Timestamp now = m_clock();
  const auto stored = m_refreshTokens.store({sha256Hex(refreshToken), user.id, familyId, now,
                                             now + m_options.refreshLifetime, false, false});
  if (!stored) return std::unexpected(stored.error());
  return AuthTokens{m_jwt.issue(user), std::move(refreshToken), m_jwt.lifetime().count(), user};
}

void AuthService::recordEvent(std::string type, std::int64_t userId, std::string method) {
  // Analytics must never lock anyone out: a failed insert is dropped, not returned.
  (void)m_analytics.record(
      {0, std::move(type), m_clock(), userId, nlohmann::json{{"method", std::move(method)}}});
}

}  // namespace arena::server::auth
