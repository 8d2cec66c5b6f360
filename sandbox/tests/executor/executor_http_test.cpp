// The executor's HTTP contract over a real socket: routes, every kind of bad request and its
// 4xx in the error shape, body limits, keep-alive. Only the last test runs a program.

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/StreamSocket.h>

#include "executor_fixture.hpp"

namespace arena::executor::testing {
namespace {

using nlohmann::json;

json validRequest() {
  return {{"language", "python3"}, {"code", "print(input())"}, {"stdin", "hi\n"},
          {"time_limit_seconds", 2}};
}

class ExecutorHttpTest : public ExecutorFixture {};

TEST_F(ExecutorHttpTest, HealthzAnswersOk) {
  const Reply reply = call("GET", "/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json(), (json{{"status", "ok"}}));
  EXPECT_EQ(reply.contentLength, static_cast<std::int64_t>(reply.body.size()));
  EXPECT_TRUE(reply.keepAlive);
}

TEST_F(ExecutorHttpTest, HeadHealthzHasHeadersOnly) {
  const Reply reply = call("HEAD", "/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.body.empty());
  EXPECT_GT(reply.contentLength, 0);
}

TEST_F(ExecutorHttpTest, LanguagesListsTheTable) {
  const Reply reply = call("GET", "/languages");
  ASSERT_EQ(reply.status, 200);
  const json body = reply.json();
  ASSERT_TRUE(body.contains("languages"));
  std::set<std::string> ids;
  for (const auto& language : body.at("languages")) {
    ids.insert(language.at("id").get<std::string>());
    EXPECT_TRUE(language.at("available").get<bool>()) << language;
  }
  for (const char* id : {"c", "cpp17", "cpp20", "python3", "java17", "javascript"}) {
    EXPECT_TRUE(ids.contains(id)) << id;
  }
}

TEST_F(ExecutorHttpTest, UnknownPathIs404) {
  for (const char* path : {"/", "/execute/", "/nope", "/healthz/x"}) {
    const Reply reply = call("GET", path);
    EXPECT_EQ(reply.status, 404) << path;
    EXPECT_EQ(errorType(reply), "not_found") << path;
  }
}

TEST_F(ExecutorHttpTest, WrongMethodIs405WithAllow) {
  Reply reply = call("GET", "/execute");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(errorType(reply), "method_not_allowed");
  EXPECT_EQ(reply.allowHeader, "POST");

  reply = call("PUT", "/execute", validRequest().dump());
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.allowHeader, "POST");

  reply = call("POST", "/healthz", "{}");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.allowHeader, "GET, HEAD");

  reply = call("DELETE", "/languages");
  EXPECT_EQ(reply.status, 405);
}

TEST_F(ExecutorHttpTest, InvalidJsonIs400) {
  for (const std::string body : {"{", "", "not json", "[1, 2]", "null", "{\"language\": \"py\","}) {
    const Reply reply = call("POST", "/execute", body);
    EXPECT_EQ(reply.status, 400) << body;
    EXPECT_EQ(errorType(reply), "invalid_argument") << body;
  }
}

TEST_F(ExecutorHttpTest, WrongTypesAndMissingFieldsAre400) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"language", 3},        {"code", json::array()},      {"code", ""},
      {"stdin", false},       {"time_limit_seconds", "1"},  {"memory_limit_mb", 64.5},
      {"expected_output", 1}, {"extra_field", 1}};
  for (const auto& [field, value] : cases) {
    json request = validRequest();
    request[field] = value;
    const Reply reply = execute(request);
    EXPECT_EQ(reply.status, 400) << field << "=" << value.dump();
    EXPECT_EQ(errorType(reply), "invalid_argument") << reply.body;
  }
  for (const char* field : {"language", "code", "time_limit_seconds"}) {
    json request = validRequest();
    request.erase(field);
    const Reply reply = execute(request);
    EXPECT_EQ(reply.status, 400) << "missing " << field;
    EXPECT_NE(reply.body.find(field), std::string::npos) << reply.body;
  }
}

TEST_F(ExecutorHttpTest, UnknownLanguageIs400) {
  json request = validRequest();
  request["language"] = "brainfuck";
  const Reply reply = execute(request);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(errorType(reply), "invalid_argument");
  EXPECT_NE(reply.body.find("unknown language 'brainfuck'"), std::string::npos) << reply.body;
}

TEST_F(ExecutorHttpTest, LimitsOutOfRangeAre400) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"time_limit_seconds", 0},  {"time_limit_seconds", -1}, {"time_limit_seconds", 10.01},
      {"time_limit_seconds", 1e9}, {"memory_limit_mb", 15},   {"memory_limit_mb", 1025},
      {"memory_limit_mb", -1},    {"memory_limit_mb", 0}};
  for (const auto& [field, value] : cases) {
    json request = validRequest();
    request[field] = value;
    const Reply reply = execute(request);
    EXPECT_EQ(reply.status, 400) << field << "=" << value.dump();
    EXPECT_EQ(errorType(reply), "invalid_argument");
  }
}

TEST_F(ExecutorHttpTest, CodeOverTheLimitIs413) {
  json request = validRequest();
  request["code"] = std::string(kMaxCodeBytes + 1, '#');
  const Reply reply = execute(request);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(errorType(reply), "payload_too_large");
  EXPECT_NE(reply.body.find("'code'"), std::string::npos);
}

TEST_F(ExecutorHttpTest, StdinOverTheLimitIs413) {
  json request = validRequest();
  request["stdin"] = std::string(kMaxStdinBytes + 1, '1');
  const Reply reply = execute(request);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(errorType(reply), "payload_too_large");
  EXPECT_NE(reply.body.find("'stdin'"), std::string::npos);
}

TEST_F(ExecutorHttpTest, DeclaredBodyOverTheLimitIs413WithoutReadingIt) {
  // Only the headers are sent: the server must answer from Content-Length alone.
  auto client = session();
  Poco::Net::HTTPRequest request("POST", "/execute", Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setContentLength64(static_cast<Poco::Int64>(kMaxBodyBytes) + 1);
  client->sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = client->receiveResponse(response);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(static_cast<int>(response.getStatus()), 413);
  EXPECT_FALSE(response.getKeepAlive());  // the unread body makes the connection unusable
  EXPECT_NE(body.find("payload_too_large"), std::string::npos) << body;
}

TEST_F(ExecutorHttpTest, ChunkedBodyOverTheLimitIs413) {
  auto client = session();
  Poco::Net::HTTPRequest request("POST", "/execute", Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setChunkedTransferEncoding(true);
  std::ostream& out = client->sendRequest(request);
  const std::string chunk(256 * 1024, ' ');
  for (std::size_t sent = 0; sent <= kMaxBodyBytes; sent += chunk.size()) out << chunk;
  out << "{}";
  Poco::Net::HTTPResponse response;
  std::istream& in = client->receiveResponse(response);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(static_cast<int>(response.getStatus()), 413);
  EXPECT_NE(body.find("payload_too_large"), std::string::npos) << body;
}

TEST_F(ExecutorHttpTest, NonJsonContentTypeIs415) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded"}) {
    const Reply reply = call("POST", "/execute", validRequest().dump(), type);
    EXPECT_EQ(reply.status, 415) << type;
    EXPECT_EQ(errorType(reply), "unsupported_media_type");
  }
}

TEST_F(ExecutorHttpTest, GarbageOnTheSocketDoesNotKillTheServer) {
  {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", m_server->port()));
    const std::string garbage = "\x01\x02 NOT HTTP \r\n\r\n";
    socket.sendBytes(garbage.data(), static_cast<int>(garbage.size()));
    char buffer[256];
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    try {
      (void)socket.receiveBytes(buffer, sizeof buffer);
    } catch (...) {
    }
  }
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

TEST_F(ExecutorHttpTest, OneConnectionServesManyRequests) {
  auto client = session();
  for (int i = 0; i < 3; ++i) {
    const Reply bad = exchange(*client, "POST", "/execute", "{", "application/json");
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(bad.keepAlive);
    const Reply health = exchange(*client, "GET", "/healthz", std::nullopt);
    EXPECT_EQ(health.status, 200);
  }
}

TEST_F(ExecutorHttpTest, MissingContentTypeIsTakenAsJson) {
  const Reply reply = call("POST", "/execute", validRequest().dump(), "");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json().value("stdout", ""), "hi\n");
}

}  // namespace
}  // namespace arena::executor::testing
