// What an attacker or a broken client sends, over real HTTP, on SQLite and MariaDB: malformed
// JSON, wrong types, huge bodies, SQL metacharacters in every string field, forged, expired and
// `alg: none` tokens, a reused refresh token. Never a 5xx, every error in the error shape,
// nothing half written, and the server still answers afterwards.

#include <openssl/hmac.h>

#include <fstream>

#include "server_test.hpp"

namespace arena::server::testing {
namespace {

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

std::string signHs256(const std::string& secret, const nlohmann::json& header,
                      const nlohmann::json& claims) {
  const std::string input = base64url(header.dump()) + "." + base64url(claims.dump());
  unsigned char mac[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." + base64url(std::string_view(reinterpret_cast<char*>(mac), length));
}

class HostileInputTest : public ServerTest {
 protected:
  // Sends and checks the universal promises: no 5xx, errors in the error shape.
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& token = {}, const std::string& type = "application/json") {
    const HttpResult reply = http().request(method, path, body, token, type);
    EXPECT_LT(reply.status, 500) << method << " " << path << " " << body.substr(0, 200) << " -> "
                                 << reply.body;
    if (reply.status >= 400) {
      const nlohmann::json error = reply.json();
      EXPECT_TRUE(error.is_object() && error.contains("error") &&
                  error["error"].value("status", 0) == reply.status &&
                  !error["error"].value("message", "").empty() &&
                  !error["error"].value("type", "").empty())
          << method << " " << path << " -> " << reply.body;
    }
    return reply;
  }
};

TEST_P(HostileInputTest, BadBodiesAreRefusedClearlyAndNothingIsHalfWritten) {
  startServer(/*judges=*/1);
  const Account admin = loginAdmin();
  const Account user = registerUser("victor");

  const std::vector<std::string> jsonRoutes = {"/api/auth/register", "/api/auth/login",
                                               "/api/auth/refresh", "/api/problems",
                                               "/api/submissions"};
  for (const std::string& route : jsonRoutes) {
    for (const std::string& body :
         {std::string("{"), std::string("{\"a\":}"), std::string("[1,2]"), std::string("null"),
          std::string("\"text\""), std::string(5000, '['), std::string("{\"x\":1}garbage"),
          std::string("\xff\xfe{}")}) {
      const HttpResult reply = send("POST", route, body, admin.accessToken);
      EXPECT_EQ(reply.status, 400) << route << " " << body.substr(0, 20);
    }
    EXPECT_EQ(send("POST", route, "{}", admin.accessToken, "text/plain").status, 415) << route;
    if (route != "/api/problems") {  // problems carry test data: their limit is far larger
      EXPECT_EQ(send("POST", route, std::string(2 * 1024 * 1024, ' '), admin.accessToken).status,
                413)
          << route;
    }
  }

  // Wrong types name the field.
  const HttpResult wrongType = send("POST", "/api/auth/register",
                                    R"({"email": 5, "username": "x", "password": "y"})");
  EXPECT_EQ(wrongType.status, 400);
  EXPECT_NE(wrongType.body.find("email"), std::string::npos) << wrongType.body;
  EXPECT_EQ(send("POST", "/api/submissions", R"({"problem_id": "one", "language": "c", "code": "x"})",
                 user.accessToken)
                .status,
            400);
  EXPECT_EQ(send("POST", "/api/submissions",
                 R"({"problem_id": 1e300, "language": "cpp17", "code": "x"})", user.accessToken)
                .status,
            400);

  // A problem whose second test is malformed is not created at all.
  const HttpResult halfBad = send(
      "POST", "/api/problems",
      R"({"slug": "half-bad", "title": "Half", "difficulty": "easy", "description": "d",
          "tests": [{"input": "1", "expected_output": "1"}, {"input": 5}]})",
      admin.accessToken);
  EXPECT_EQ(halfBad.status, 400);
  EXPECT_EQ(send("GET", "/api/problems/half-bad", "").status, 404);

  // SQL metacharacters are data, stored and returned verbatim.
  const std::string nasty = "Robert'); DROP TABLE problems; -- \" \\ ` %_ \x01 \xe2\x98\x83";
  const HttpResult created = send(
      "POST", "/api/problems",
      nlohmann::json{{"slug", "bobby-tables"}, {"title", nasty}, {"difficulty", "easy"},
                     {"description", nasty},
                     {"tests", {{{"input", nasty}, {"expected_output", nasty}, {"is_public", true}}}}}
          .dump(),
      admin.accessToken);
  ASSERT_EQ(created.status, 201) << created.body;
  const HttpResult fetched = send("GET", "/api/problems/bobby-tables", "");
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.json().at("title"), nasty);
  EXPECT_EQ(fetched.json().at("samples").at(0).at("input"), nasty);
  for (const std::string& name : {std::string("x' OR '1'='1"), std::string("admin'--")}) {
    EXPECT_EQ(send("POST", "/api/auth/login", nlohmann::json{{"username", name}, {"password", name}}.dump())
                  .status,
              401);
  }
  const HttpResult nastyLogin = send("POST", "/api/auth/register",
                                     nlohmann::json{{"email", "o'hara+x@example.org"},
                                                    {"username", "ohara"},
                                                    {"password", nasty}}.dump());
  EXPECT_EQ(nastyLogin.status, 201) << nastyLogin.body;
  EXPECT_EQ(send("POST", "/api/auth/login",
                 nlohmann::json{{"email", "o'hara+x@example.org"}, {"password", nasty}}.dump())
                .status,
            200);
  const HttpResult nastySubmit = send(
      "POST", "/api/submissions",
      nlohmann::json{{"problem_id", created.json().at("id")}, {"language", "python3"},
                     {"code", "print('" + std::string("'); DELETE FROM submissions; --") + "')"},
                     {"client_id", "x'--"}}
          .dump(),
      user.accessToken);
  EXPECT_EQ(nastySubmit.status, 400) << "client ids are restricted to [A-Za-z0-9_-]";
  EXPECT_EQ(send("GET", "/api/problems?difficulty=easy'--", "").status, 400);
  EXPECT_EQ(send("GET", "/api/submissions/1%20OR%201=1", "", user.accessToken).status / 100, 4);

  EXPECT_EQ(send("GET", "/healthz", "").status, 200);
  EXPECT_EQ(send("GET", "/api/problems", "").status, 200);
}

TEST_P(HostileInputTest, ForgedExpiredAndUnsignedTokensAreRefused) {
  startServer(/*judges=*/0);
  const Account user = registerUser("wendy");
  std::string secret;
  std::ifstream(dataDir() + "/secrets/jwt-secret") >> secret;
  ASSERT_FALSE(secret.empty());

  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const nlohmann::json claims = {{"sub", std::to_string(user.id)}, {"name", "wendy"},
                                 {"role", "admin"}, {"iat", now}, {"exp", now + 600},
                                 {"jti", "x"}, {"typ", "access"}};
  const std::string valid = signHs256(secret, {{"alg", "HS256"}, {"typ", "JWT"}}, claims);
  // The control: with the real secret our hand-made token is accepted...
  EXPECT_EQ(send("GET", "/api/auth/me", "", valid).status, 200);

  nlohmann::json expired = claims;
  expired["iat"] = now - 3600;
  expired["exp"] = now - 1800;
  std::string tampered = user.accessToken;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  const std::vector<std::pair<std::string, std::string>> forged = {
      {"wrong secret", signHs256(std::string(64, 'k'), {{"alg", "HS256"}}, claims)},
      {"expired", signHs256(secret, {{"alg", "HS256"}}, expired)},
      {"alg none", base64url(R"({"alg":"none","typ":"JWT"})") + "." + base64url(claims.dump()) + "."},
      {"alg HS512", signHs256(secret, {{"alg", "HS512"}}, claims)},
      {"tampered", tampered},
      {"garbage", "not.a.token"},
      {"empty segments", ".."},
      {"oversized", std::string(6000, 'a')},  // Poco itself refuses headers over 8 KiB
  };
  for (const auto& [why, token] : forged) {
    EXPECT_EQ(send("GET", "/api/auth/me", "", token).status, 401) << why;
    // A bad token is refused even on public routes, so a client learns its session is gone.
    EXPECT_EQ(send("GET", "/api/problems", "", token).status, 401) << why;
  }
  EXPECT_EQ(http().request("GET", "/api/auth/me", "", "", "application/json",
                           {{"Authorization", "Basic d2VuZHk6eA=="}})
                .status,
            401);

  // A refresh token works once; its reuse revokes the whole family, the new token included.
  const HttpResult first = send("POST", "/api/auth/refresh",
                                nlohmann::json{{"refresh_token", user.refreshToken}}.dump());
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string rotated = first.json().at("refresh_token");
  EXPECT_EQ(send("POST", "/api/auth/refresh",
                 nlohmann::json{{"refresh_token", user.refreshToken}}.dump())
                .status,
            401);
  EXPECT_EQ(send("POST", "/api/auth/refresh", nlohmann::json{{"refresh_token", rotated}}.dump())
                .status,
            401);
  EXPECT_EQ(send("GET", "/healthz", "").status, 200);
}

ARENA_STORAGE_BACKENDS(HostileInputTest);

}  // namespace
}  // namespace arena::server::testing
