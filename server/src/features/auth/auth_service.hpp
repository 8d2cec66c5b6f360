#pragma once
// Accounts and sessions. A session is a pair of tokens: a short-lived stateless access token
// (Jwt, 15 minutes, checked without touching the database) and a long-lived opaque refresh token
// (32 random bytes, 30 days) that is stored only as its SHA-256 hash.
//
// Theory of operation (refresh tokens, see storage/refresh_token_repository.hpp)
//   login/register start a family: a random family id shared by every token the session will
//   ever hold. refresh(token) looks the hash up, refuses revoked or expired tokens, then
//   markUsed — exactly one caller can use a token up — and issues a successor in the same family.
//   A token presented a second time means someone kept a copy: the whole family is revoked, so
//   the thief and the victim both have to log in again. logout revokes the family too.
//   Revocation can race with a refresh that already passed markUsed; so after storing the
//   successor, refresh reads the presented token again and, if its family was revoked meanwhile,
//   revokes once more (now catching the successor) and refuses.
//
// Login answers a wrong password and an unknown account with the same message, and does the same
// argon2 work for both (verifying against a dummy hash), so neither the message nor the timing
// tells whether an address has an account.
//
// Role changes reach access tokens only when they are next issued (at most 15 minutes later):
// authenticate() trusts the signed claims and does not read the users table.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"
#include "arena/model/user.hpp"
#include "features/auth/jwt.hpp"
#include "features/auth/password_hasher.hpp"
#include "http/request.hpp"
#include "storage/analytics_repository.hpp"
#include "storage/refresh_token_repository.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::auth {

struct Registration {
  std::string email;
  std::string username;
  std::string password;
};

struct Credentials {
  std::string login;  // an email (contains '@') or a username
  std::string password;
};

// What register, login and refresh hand back; the routes serialise it.
struct AuthTokens {
  std::string accessToken;
  std::string refreshToken;
  std::int64_t expiresInSeconds = 0;
  model::User user;
};

struct AuthOptions {
  std::chrono::seconds refreshLifetime = std::chrono::days(30);
};

class AuthService {
 public:
  static constexpr std::size_t kRefreshTokenBytes = 32;

  // The repositories must outlive the service. `clock` decides refresh-token expiry; give the
  // same clock to the Jwt so both kinds of token agree on the time.
  AuthService(storage::UserRepository& users, storage::RefreshTokenRepository& refreshTokens,
              storage::AnalyticsRepository& analytics, PasswordHasher hasher, Jwt jwt,
              Clock clock = systemNow, AuthOptions options = {});

  // A new contestant, logged in. InvalidArgument for a bad email, username or password;
  // Conflict when the email or the username is taken (the message says which).
  Result<AuthTokens> registerUser(const Registration& registration);
  // Unauthenticated "invalid credentials" for an unknown login or a wrong password alike.
  Result<AuthTokens> login(const Credentials& credentials);
  // Uses the token up and returns a new pair. Unauthenticated for an unknown, expired, revoked
  // or already used token (the last also revokes the token's family).
  Result<AuthTokens> refresh(std::string_view refreshToken);
  // Ends the session the token belongs to. Unauthenticated for a token we never issued.
  Result<void> logout(std::string_view refreshToken);
  // The caller's account. Unauthenticated when it no longer exists.
  Result<model::User> me(std::int64_t userId);
  // The caller an access token proves; Unauthenticated for any invalid token.
  Result<http::Principal> authenticate(std::string_view accessToken) const;

  // Creates an account of any role without logging it in: the server's bootstrap (admin) and
  // tests (proctors) use it. Same validation and errors as registerUser.
  Result<model::User> createAccount(std::string_view email, std::string_view username,
                                    std::string_view password, model::Role role);

 private:
  Result<AuthTokens> startSession(const model::User& user);
  Result<AuthTokens> issueTokens(const model::User& user, const std::string& familyId);
  Result<storage::UserAccount> findAccount(std::string_view login);
  void recordEvent(std::string type, std::int64_t userId, std::string method);

  storage::UserRepository& m_users;
  storage::RefreshTokenRepository& m_refreshTokens;
  storage::AnalyticsRepository& m_analytics;
  PasswordHasher m_hasher;
  Jwt m_jwt;
  Clock m_clock;
  AuthOptions m_options;
  // An argon2id hash of a random password at the hasher's cost: unknown logins verify against it.
  std::string m_dummyHash;
};

}  // namespace arena::server::auth
