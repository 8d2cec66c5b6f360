#include "features/auth/auth_routes.hpp"

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "arena/protocol/json_codecs.hpp"
#include "arena/protocol/json_reader.hpp"
#include "features/auth/credential_rules.hpp"
#include "http/json_body.hpp"

namespace arena::server::auth {

namespace {

using http::Access;
using http::Request;
using http::Response;
using protocol::JsonReader;

// Credentials and tokens are small; a larger body is refused (413) before it is parsed.
constexpr std::size_t kMaxAuthBodyBytes = 8 * 1024;
// Generous bounds for the type check; AuthService applies the real rules with clearer messages.
constexpr std::size_t kMaxLoginBytes = CredentialRules::kMaxEmailBytes;
constexpr std::size_t kMaxPasswordFieldBytes = 1024;
constexpr std::size_t kMaxRefreshTokenFieldBytes = 256;

Response tokensResponse(const AuthTokens& tokens, int status) {
  Response response = Response::json(
      {
          {"access_token", tokens.accessToken},
          {"refresh_token", tokens.refreshToken},
          {"token_type", "Bearer"},
          {"expires_in", tokens.expiresInSeconds},
          {"user", protocol::toJson(tokens.user)},
      },
      status);
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Result<Response> handleRegister(AuthService& service, Request& request) {
  auto body = http::jsonBody(request);
  if (!body) return std::unexpected(body.error());
  auto reader = protocol::readObject(*body, "body");
  if (!reader) return std::unexpected(reader.error());
  // Only these three fields are read: a "role" in the body is ignored, never honoured.
  Registration registration;
  registration.email = reader->string("email", 1, kMaxLoginBytes);
  registration.username = reader->string("username", 1, kMaxLoginBytes);
  registration.password = reader->string("password", 1, kMaxPasswordFieldBytes);
  auto checked = reader->finish(std::move(registration));
  if (!checked) return std::unexpected(checked.error());
  auto tokens = service.registerUser(*checked);
  if (!tokens) return std::unexpected(tokens.error());
  return tokensResponse(*tokens, 201);
}

Result<Response> handleLogin(AuthService& service, Request& request) {
  auto body = http::jsonBody(request);
  if (!body) return std::unexpected(body.error());
  auto reader = protocol::readObject(*body, "body");
  if (!reader) return std::unexpected(reader.error());
  Credentials credentials;
  auto email = reader->optionalString("email", kMaxLoginBytes);
  auto username = reader->optionalString("username", kMaxLoginBytes);
  if (reader->ok() && !email && !username) reader->reject("email", "is required (or username)");
  credentials.login = email ? std::move(*email) : username.value_or(std::string());
  credentials.password = reader->string("password", 1, kMaxPasswordFieldBytes);
  auto checked = reader->finish(std::move(credentials));
  if (!checked) return std::unexpected(checked.error());
  auto tokens = service.login(*checked);
  if (!tokens) return std::unexpected(tokens.error());
  return tokensResponse(*tokens, 200);
}

Result<std::string> readRefreshToken(Request& request) {
  auto body = http::jsonBody(request);
  if (!body) return std::unexpected(body.error());
  auto reader = protocol::readObject(*body, "body");
  if (!reader) return std::unexpected(reader.error());
  std::string token = reader->string("refresh_token", 1, kMaxRefreshTokenFieldBytes);
  return reader->finish(std::move(token));
}

Result<Response> handleRefresh(AuthService& service, Request& request) {
  auto token = readRefreshToken(request);
  if (!token) return std::unexpected(token.error());
  auto tokens = service.refresh(*token);
  if (!tokens) return std::unexpected(tokens.error());
  return tokensResponse(*tokens, 200);
}

Result<Response> handleLogout(AuthService& service, Request& request) {
  auto token = readRefreshToken(request);
  if (!token) return std::unexpected(token.error());
  if (auto done = service.logout(*token); !done) return std::unexpected(done.error());
  return Response::noContent();
}

Result<Response> handleMe(AuthService& service, Request& request) {
  // The Dispatcher only runs Authenticated routes with a principal; this guards a miswiring.
  if (!request.principal) return fail(ErrorCode::Unauthenticated, "missing access token");
  auto user = service.me(request.principal->userId);
  if (!user) return std::unexpected(user.error());
  return Response::json(protocol::toJson(*user));
}

http::RouteSpec postRoute(std::string pattern, std::string summary) {
  return {"POST", std::move(pattern), Access::Public, std::move(summary), true, kMaxAuthBodyBytes};
}

}  // namespace

void registerAuthRoutes(http::Router& router, AuthService& service) {
  router.add(postRoute("/api/auth/register", "Create a contestant account and log it in"),
             [&service](Request& request) { return handleRegister(service, request); });
  router.add(postRoute("/api/auth/login", "Log in with email or username and password"),
             [&service](Request& request) { return handleLogin(service, request); });
  router.add(postRoute("/api/auth/refresh", "Trade a refresh token for a new token pair"),
             [&service](Request& request) { return handleRefresh(service, request); });
  router.add(postRoute("/api/auth/logout", "End the session a refresh token belongs to"),
             [&service](Request& request) { return handleLogout(service, request); });
  router.add({"GET", "/api/auth/me", Access::Authenticated, "The logged-in user's account"},
             [&service](Request& request) { return handleMe(service, request); });
}

}  // namespace arena::server::auth
