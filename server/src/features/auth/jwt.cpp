#include "features/auth/jwt.hpp"

#include <charconv>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "features/auth/base64url.hpp"
#include "features/auth/secure_random.hpp"

namespace arena::server::auth {

namespace {

using nlohmann::json;

constexpr std::size_t kSignatureBytes = 32;  // SHA-256
constexpr std::size_t kTokenIdBytes = 16;
constexpr std::string_view kAccessType = "access";

// The only header we ever write, and the only one (give or take key order) we accept.
const std::string& encodedHeader() {
  static const std::string header = base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})");
  return header;
}

std::unexpected<Error> refuse(std::string message) {
  return fail(ErrorCode::Unauthenticated, std::move(message));
}

std::int64_t toSeconds(Timestamp instant) {
  return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
}

Timestamp fromSeconds(std::int64_t seconds) { return Timestamp(std::chrono::seconds(seconds)); }

// A JSON object from a base64url segment, or nullopt for anything else.
std::optional<json> decodeObject(std::string_view segment) {
  auto bytes = base64UrlDecode(segment);
  if (!bytes) return std::nullopt;
  json value = json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

bool isAcceptedHeader(const json& header) {
  for (const auto& [key, value] : header.items()) {
    if (key == "alg") {
      if (!value.is_string() || value.get_ref<const std::string&>() != "HS256") return false;
    } else if (key == "typ") {
      if (!value.is_string() || value.get_ref<const std::string&>() != "JWT") return false;
    } else {
      return false;  // kid, jku, x5u, crit...: features we do not have must not be silently ignored
    }
  }
  return header.contains("alg");
}

const std::string* stringClaim(const json& claims, const char* key) {
  const auto it = claims.find(key);
  if (it == claims.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

std::optional<std::int64_t> secondsClaim(const json& claims, const char* key) {
  // About the year 36812: beyond any real instant, and small enough to turn into milliseconds.
  constexpr std::int64_t kMaxSeconds = std::int64_t{1} << 40;
  const auto it = claims.find(key);
  if (it == claims.end() || !it->is_number_integer()) return std::nullopt;
  if (it->is_number_unsigned()) {
    const auto seconds = it->get<std::uint64_t>();
    if (seconds > static_cast<std::uint64_t>(kMaxSeconds)) return std::nullopt;
    return static_cast<std::int64_t>(seconds);
  }
  const auto seconds = it->get<std::int64_t>();
  if (seconds < 0 || seconds > kMaxSeconds) return std::nullopt;
  return seconds;
}

std::optional<std::int64_t> parseUserId(const std::string& subject) {
  std::int64_t id = 0;
  const char* end = subject.data() + subject.size();
  auto [next, error] = std::from_chars(subject.data(), end, id);
  if (error != std::errc{} || next != end || id <= 0 || subject.front() == '+') return std::nullopt;
  return id;
}

}  // namespace

Timestamp systemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

Result<Jwt> Jwt::create(std::string secret, Clock clock, JwtOptions options) {
  if (secret.size() < kMinSecretBytes) {
    return fail(ErrorCode::InvalidArgument,
                "the JWT secret must be at least " + std::to_string(kMinSecretBytes) + " bytes");
  }
  if (options.lifetime <= std::chrono::seconds::zero() || options.leeway.count() < 0) {
    return fail(ErrorCode::InvalidArgument,
                "the token lifetime must be positive and the leeway not negative");
  }
  if (!clock) clock = systemNow;
  return Jwt(std::move(secret), std::move(clock), options);
}

Jwt::Jwt(std::string secret, Clock clock, JwtOptions options)
    : m_secret(std::move(secret)), m_clock(std::move(clock)), m_options(options) {}

std::string Jwt::sign(std::string_view signingInput) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), m_secret.data(), static_cast<int>(m_secret.size()),
       reinterpret_cast<const unsigned char*>(signingInput.data()), signingInput.size(), digest,
       &length);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Jwt::issue(const model::User& user) const {
  const std::int64_t issuedAt = toSeconds(m_clock());
  const json claims = {
      {"sub", std::to_string(user.id)},
      {"name", user.username},
      {"role", model::enumName(user.role)},
      {"iat", issuedAt},
      {"exp", issuedAt + m_options.lifetime.count()},
      {"jti", randomToken(kTokenIdBytes)},
      {"typ", kAccessType},
  };
  std::string token = encodedHeader() + "." +
                      base64UrlEncode(claims.dump(-1, ' ', false, json::error_handler_t::replace));
  token += "." + base64UrlEncode(sign(token));
  return token;
}

Result<AccessClaims> Jwt::verify(std::string_view token) const {
  if (token.empty()) return refuse("missing access token");
  if (token.size() > kMaxTokenBytes) return refuse("access token too large");

  const auto firstDot = token.find('.');
  const auto secondDot =
      firstDot == std::string_view::npos ? firstDot : token.find('.', firstDot + 1);
  if (secondDot == std::string_view::npos ||
      token.find('.', secondDot + 1) != std::string_view::npos) {
    return refuse("malformed access token");
  }
  const auto headerPart = token.substr(0, firstDot);
  const auto payloadPart = token.substr(firstDot + 1, secondDot - firstDot - 1);
  const auto signaturePart = token.substr(secondDot + 1);
  if (headerPart.empty() || payloadPart.empty() || signaturePart.empty()) {
    return refuse("malformed access token");
  }

  const auto header = decodeObject(headerPart);
  if (!header) return refuse("malformed access token");
  if (!isAcceptedHeader(*header)) return refuse("unsupported access token algorithm");

  const auto signature = base64UrlDecode(signaturePart);
  const std::string expected = sign(token.substr(0, secondDot));
  if (!signature || signature->size() != kSignatureBytes ||
      CRYPTO_memcmp(signature->data(), expected.data(), kSignatureBytes) != 0) {
    return refuse("invalid access token signature");
  }

  const auto claims = decodeObject(payloadPart);
  if (!claims) return refuse("malformed access token");
  const auto* subject = stringClaim(*claims, "sub");
  const auto* name = stringClaim(*claims, "name");
  const auto* roleName = stringClaim(*claims, "role");
  const auto* tokenId = stringClaim(*claims, "jti");
  const auto* type = stringClaim(*claims, "typ");
  const auto issuedAt = secondsClaim(*claims, "iat");
  const auto expiresAt = secondsClaim(*claims, "exp");
  if (!subject || !name || !roleName || !tokenId || !type || !issuedAt || !expiresAt) {
    return refuse("malformed access token claims");
  }
  if (*type != kAccessType) return refuse("not an access token");
  const auto userId = parseUserId(*subject);
  const auto role = model::enumFromName<model::Role>(*roleName);
  if (!userId || !role) return refuse("malformed access token claims");

  const std::int64_t now = toSeconds(m_clock());
  const std::int64_t leeway = m_options.leeway.count();
  if (now >= *expiresAt + leeway) return refuse("access token expired");
  if (*issuedAt > now + leeway) return refuse("access token not yet valid");

  return AccessClaims{*userId, *name, *role, fromSeconds(*issuedAt), fromSeconds(*expiresAt),
                      *tokenId};
}

}  // namespace arena::server::auth
