#include "features/auth/jwt.hpp"

#include <string>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <gtest/gtest.h>

#include "features/auth/base64url.hpp"

namespace arena::server::auth {
namespace {

using nlohmann::json;
using std::chrono::seconds;

constexpr std::string_view kSecret = "test-secret-0123456789abcdefghijklmnop";

Timestamp at(const char* text) { return parseTimestamp(text).value(); }

std::int64_t epochSeconds(Timestamp instant) {
  return std::chrono::duration_cast<seconds>(instant.time_since_epoch()).count();
}

// Signs any header and payload the way an attacker holding (or guessing) a key would, so the
// tests below can present tokens whose only flaw is the one under test.
std::string forge(const std::string& header, const std::string& payload,
                  std::string_view secret = kSecret, const EVP_MD* digest = EVP_sha256()) {
  const std::string input = base64UrlEncode(header) + "." + base64UrlEncode(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(digest, secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." +
         base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac), length));
}

constexpr const char* kHeader = R"({"alg":"HS256","typ":"JWT"})";

class JwtTest : public ::testing::Test {
 protected:
  Timestamp now = at("2026-11-25T10:00:00Z");
  Jwt jwt = Jwt::create(std::string(kSecret), [this] { return now; }).value();
  model::User ann{42, "ann@example.org", "ann", model::Role::Proctor, 1500};

  json claimsAt(Timestamp issued) const {
    return {{"sub", "42"},
            {"name", "ann"},
            {"role", "proctor"},
            {"iat", epochSeconds(issued)},
            {"exp", epochSeconds(issued) + 900},
            {"jti", "abc"},
            {"typ", "access"}};
  }
  json claims() const { return claimsAt(now); }

  void expectRefused(std::string_view token, std::string_view why = "") {
    const auto result = jwt.verify(token);
    ASSERT_FALSE(result.has_value()) << token;
    EXPECT_EQ(result.error().code, ErrorCode::Unauthenticated);
    EXPECT_FALSE(result.error().message.empty());
    EXPECT_LT(result.error().message.size(), 80U);
    if (!why.empty()) {
      EXPECT_NE(result.error().message.find(why), std::string::npos) << result.error().message;
    }
  }
};

TEST_F(JwtTest, RoundTripCarriesTheClaims) {
  const auto token = jwt.issue(ann);
  const auto claims = jwt.verify(token);
  ASSERT_TRUE(claims.has_value()) << claims.error().message;
  EXPECT_EQ(claims->userId, 42);
  EXPECT_EQ(claims->username, "ann");
  EXPECT_EQ(claims->role, model::Role::Proctor);
  EXPECT_EQ(claims->issuedAt, now);
  EXPECT_EQ(claims->expiresAt - claims->issuedAt, seconds(900));
  EXPECT_FALSE(claims->tokenId.empty());
}

TEST_F(JwtTest, PayloadHoldsTheDocumentedClaims) {
  const auto token = jwt.issue(ann);
  const auto first = token.find('.');
  const auto payload =
      json::parse(base64UrlDecode(token.substr(first + 1, token.rfind('.') - first - 1)).value());
  EXPECT_EQ(payload["sub"], "42");
  EXPECT_EQ(payload["name"], "ann");
  EXPECT_EQ(payload["role"], "proctor");
  EXPECT_EQ(payload["typ"], "access");
  EXPECT_EQ(payload["iat"], epochSeconds(now));
  EXPECT_EQ(payload["exp"], epochSeconds(now) + 900);
  EXPECT_FALSE(payload.contains("email"));  // tokens are readable by anyone holding them
  EXPECT_EQ(json::parse(base64UrlDecode(token.substr(0, first)).value()), json::parse(kHeader));
}

TEST_F(JwtTest, EachTokenHasItsOwnId) {
  EXPECT_NE(jwt.verify(jwt.issue(ann))->tokenId, jwt.verify(jwt.issue(ann))->tokenId);
}

TEST_F(JwtTest, AForgedTokenWithTheRightKeyIsAccepted) {
  // Proves forge() builds valid tokens, so the refusals below are about their one flaw.
  EXPECT_TRUE(jwt.verify(forge(kHeader, claims().dump())).has_value());
  EXPECT_TRUE(jwt.verify(forge(R"({"typ":"JWT","alg":"HS256"})", claims().dump())).has_value());
  EXPECT_TRUE(jwt.verify(forge(R"({"alg":"HS256"})", claims().dump())).has_value());
}

TEST_F(JwtTest, RefusesSecretsShorterThan32Bytes) {
  const auto result = Jwt::create(std::string(31, 's'));
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_TRUE(Jwt::create(std::string(32, 's')).has_value());
}

TEST_F(JwtTest, ExpiredTokenIsRefusedOnceTheLeewayIsOver) {
  const auto token = jwt.issue(ann);
  now += seconds(900 + 9);  // inside the 10 s leeway
  EXPECT_TRUE(jwt.verify(token).has_value());
  now += seconds(1);
  expectRefused(token, "expired");
  now += std::chrono::days(365);
  expectRefused(token, "expired");
}

TEST_F(JwtTest, TokenIssuedInTheFutureIsNotYetValid) {
  EXPECT_TRUE(jwt.verify(forge(kHeader, claimsAt(now + seconds(10)).dump())).has_value());
  expectRefused(forge(kHeader, claimsAt(now + seconds(11)).dump()), "not yet valid");
  expectRefused(forge(kHeader, claimsAt(now + std::chrono::hours(1)).dump()), "not yet valid");
}

TEST_F(JwtTest, TamperedPayloadIsRefused) {
  const auto token = jwt.issue(ann);
  auto forged = claims();
  forged["role"] = "admin";
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  const std::string tampered =
      token.substr(0, first + 1) + base64UrlEncode(forged.dump()) + token.substr(last);
  expectRefused(tampered, "signature");
}

TEST_F(JwtTest, TamperedSignatureIsRefused) {
  const auto token = jwt.issue(ann);
  std::string flipped = token;
  const auto position = token.rfind('.') + 5;
  flipped[position] = flipped[position] == 'A' ? 'B' : 'A';
  expectRefused(flipped, "signature");
  expectRefused(token.substr(0, token.size() - 4), "");           // truncated signature
  expectRefused(token + "AAAA", "");                              // extended signature
  expectRefused(token.substr(0, token.rfind('.') + 1) + "", "");  // none at all
}

TEST_F(JwtTest, AlgNoneIsRefused) {
  const std::string header = base64UrlEncode(R"({"alg":"none","typ":"JWT"})");
  const std::string payload = base64UrlEncode(claims().dump());
  expectRefused(header + "." + payload + ".", "");
  expectRefused(header + "." + payload, "");
  expectRefused(forge(R"({"alg":"none","typ":"JWT"})", claims().dump()), "algorithm");
  expectRefused(forge(R"({"alg":"None"})", claims().dump()), "algorithm");
}

TEST_F(JwtTest, OtherAlgorithmsAreRefusedEvenWhenCorrectlySigned) {
  expectRefused(forge(R"({"alg":"HS512","typ":"JWT"})", claims().dump(), kSecret, EVP_sha512()),
                "algorithm");
  expectRefused(forge(R"({"alg":"HS512","typ":"JWT"})", claims().dump()), "algorithm");
  expectRefused(forge(R"({"alg":"RS256","typ":"JWT"})", claims().dump()), "algorithm");
  expectRefused(forge(R"({"alg":"hs256","typ":"JWT"})", claims().dump()), "algorithm");
  expectRefused(forge(R"({"alg":["HS256"]})", claims().dump()), "algorithm");
}

TEST_F(JwtTest, HeaderWithoutAlgOrWithExtraFieldsIsRefused) {
  expectRefused(forge(R"({"typ":"JWT"})", claims().dump()), "algorithm");
  expectRefused(forge(R"({})", claims().dump()), "algorithm");
  expectRefused(forge(R"({"alg":"HS256","kid":"../../dev/null"})", claims().dump()), "algorithm");
  expectRefused(forge(R"({"alg":"HS256","typ":"JWE"})", claims().dump()), "algorithm");
  expectRefused(forge(R"({"alg":"HS256","crit":["exp"]})", claims().dump()), "algorithm");
}

TEST_F(JwtTest, MissingSegmentsAreRefused) {
  const auto token = jwt.issue(ann);
  const auto first = token.find('.');
  expectRefused("", "missing");
  expectRefused("abc", "malformed");
  expectRefused("..", "malformed");
  expectRefused(token.substr(0, first), "malformed");
  expectRefused(token.substr(first), "malformed");  // no header
  expectRefused(token + ".extra", "malformed");
}

TEST_F(JwtTest, GarbageBase64AndJsonAreRefused) {
  expectRefused("!!!.###.$$$", "malformed");
  expectRefused(base64UrlEncode(kHeader) + "==." + base64UrlEncode(claims().dump()) + ".abc");
  expectRefused(forge("not json", claims().dump()), "malformed");
  expectRefused(forge("[\"alg\",\"HS256\"]", claims().dump()), "malformed");
  expectRefused(forge(kHeader, "not json"), "malformed");
  expectRefused(forge(kHeader, "[1,2,3]"), "malformed");
  expectRefused(forge(kHeader, "\"a string\""), "malformed");
  expectRefused(forge(kHeader, std::string("{\"sub\":\"\xff\xfe\"}")), "malformed");
}

TEST_F(JwtTest, ClaimsOfTheWrongShapeAreRefused) {
  const auto refusedWith = [&](const char* key, const json& value) {
    auto changed = claims();
    changed[key] = value;
    expectRefused(forge(kHeader, changed.dump()), "");
  };
  refusedWith("sub", 42);
  refusedWith("sub", "forty-two");
  refusedWith("sub", "-1");
  refusedWith("sub", "0");
  refusedWith("sub", "42 ");
  refusedWith("sub", "99999999999999999999999");
  refusedWith("role", "superuser");
  refusedWith("typ", "refresh");
  refusedWith("exp", "2026-11-25T11:00:00Z");
  refusedWith("exp", 1.5e9);
  refusedWith("exp", -1);
  refusedWith("iat", nullptr);
  refusedWith("name", json::array());
  for (const char* key : {"sub", "name", "role", "iat", "exp", "jti", "typ"}) {
    auto missing = claims();
    missing.erase(key);
    expectRefused(forge(kHeader, missing.dump()), "");
  }
}

TEST_F(JwtTest, TokenSignedWithAnotherSecretIsRefused) {
  auto other = Jwt::create("another-secret-0123456789abcdefghijkl", [this] { return now; });
  ASSERT_TRUE(other.has_value());
  expectRefused(other->issue(ann), "signature");
  expectRefused(forge(kHeader, claims().dump(), "another-secret-0123456789abcdefghijkl"),
                "signature");
}

TEST_F(JwtTest, OversizedTokenIsRefusedEvenWhenCorrectlySigned) {
  auto big = claims();
  big["pad"] = std::string(5000, 'x');
  const auto token = forge(kHeader, big.dump());
  ASSERT_GT(token.size(), Jwt::kMaxTokenBytes);
  expectRefused(token, "too large");
  expectRefused(std::string(1 << 20, 'A'), "too large");
}

TEST_F(JwtTest, LifetimeIsConfigurable) {
  auto shortLived =
      Jwt::create(std::string(kSecret), [this] { return now; }, {.lifetime = seconds(60)});
  ASSERT_TRUE(shortLived.has_value());
  const auto token = shortLived->issue(ann);
  EXPECT_EQ(jwt.verify(token)->expiresAt, now + seconds(60));
  EXPECT_FALSE(Jwt::create(std::string(kSecret), systemNow, {.lifetime = seconds(0)}));
}

}  // namespace
}  // namespace arena::server::auth
