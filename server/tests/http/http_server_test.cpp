// The Poco front over real loopback sockets: raw sockets where the bytes on the wire matter
// (keep-alive, Content-Length, malformed input), Poco's client where they do not.
#include "http/http_server.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <gtest/gtest.h>

#include "http/json_body.hpp"

namespace arena::server::http {
namespace {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string body;
  bool ok = false;  // a whole response was read
};

// Reads one response from `socket`; the body by Content-Length (none for HEAD/204).
RawResponse readResponse(Poco::Net::StreamSocket& socket, std::string& buffer, bool head = false) {
  RawResponse response;
  char chunk[4096];
  auto fill = [&] {
    const int got = socket.receiveBytes(chunk, sizeof chunk);
    if (got <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(got));
    return true;
  };
  std::size_t end;
  while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return response;
  }
  std::istringstream lines(buffer.substr(0, end));
  std::string line;
  std::getline(lines, line);
  response.status = std::stoi(line.substr(9, 3));
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(c));
    response.headers[name] = line.substr(colon + 2);
  }
  buffer.erase(0, end + 4);
  std::size_t length = 0;
  if (!head && response.headers.count("content-length")) {
    length = std::stoul(response.headers["content-length"]);
  }
  while (buffer.size() < length) {
    if (!fill()) return response;
  }
  response.body = buffer.substr(0, length);
  buffer.erase(0, length);
  response.ok = true;
  return response;
}

// True when the server closed the connection (orderly or by reset).
bool closedByPeer(Poco::Net::StreamSocket& socket) {
  char byte;
  try {
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    return socket.receiveBytes(&byte, 1) <= 0;
  } catch (const Poco::Exception&) {
    return true;
  }
}

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest() : dispatcher(router, nullptr, metrics, dispatcherOptions()) {
    router.add({"GET", "/api/ping", Access::Public, "ping"}, [](Request&) -> Result<Response> {
      return Response::json({{"pong", true}});
    });
    router.add({"GET", "/api/echo/{word}", Access::Public, "echo"},
               [](Request& request) -> Result<Response> {
                 nlohmann::json query = nlohmann::json::object();
                 for (const auto& [k, v] : request.query) query[k] = v;
                 return Response::json({{"word", request.pathParam("word")},
                                        {"query", query},
                                        {"client", request.clientAddress},
                                        {"agent", request.header("User-Agent")}});
               });
    router.add({"POST", "/api/body", Access::Public, "body", true, 1 << 20},
               [](Request& request) -> Result<Response> {
                 auto body = jsonBody(request);
                 if (!body) return std::unexpected(body.error());
                 return Response::json({{"size", request.body.size()}}, 201);
               });
    router.add({"DELETE", "/api/thing", Access::Public, "nothing"},
               [](Request&) -> Result<Response> { return Response::noContent(); });
    router.add({"GET", "/api/slow", Access::Public, "slow"}, [this](Request&) -> Result<Response> {
      std::unique_lock lock(mutex);
      entered = true;
      changed.notify_all();
      changed.wait(lock, [&] { return released; });
      finished = true;
      return Response::json({{"slow", true}});
    });
  }

  static DispatcherOptions dispatcherOptions() {
    DispatcherOptions options;
    options.perClient = {100000.0, 100000.0};
    return options;
  }

  void start(HttpServer::Options options = {}) {
    options.bind = "127.0.0.1";
    options.port = 0;
    options.threads = 128;
    if (options.maxBodyBytes == HttpServer::Options{}.maxBodyBytes)
      options.maxBodyBytes = 64 * 1024;
    auto started = HttpServer::start(dispatcher, options);
    ASSERT_TRUE(started.has_value()) << started.error().message;
    server = std::move(*started);
  }

  HttpServer::Options quiet() {
    HttpServer::Options options;
    options.logRequests = false;
    return options;
  }

  Poco::Net::StreamSocket connect() {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server->port()));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    return socket;
  }

  void sendAll(Poco::Net::StreamSocket& socket, const std::string& bytes) {
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  }

  Router router;
  Metrics metrics;
  Dispatcher dispatcher;
  std::unique_ptr<HttpServer> server;

  std::mutex mutex;
  std::condition_variable changed;
  bool entered = false;
  bool released = false;
  bool finished = false;
};

TEST_F(HttpServerTest, OneKeepAliveConnectionServesManyRequests) {
  start(quiet());
  auto socket = connect();
  std::string buffer;
  for (int i = 0; i < 5; ++i) {
    sendAll(socket, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = readResponse(socket, buffer);
    ASSERT_TRUE(response.ok) << i;
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"pong":true})");
    EXPECT_EQ(response.headers.at("content-length"), "13");
    EXPECT_EQ(response.headers.count("x-request-id"), 1u);
  }
}

TEST_F(HttpServerTest, ErrorsAndNoContentKeepTheConnectionToo) {
  start(quiet());
  auto socket = connect();
  std::string buffer;
  sendAll(socket, "GET /api/missing HTTP/1.1\r\nHost: x\r\n\r\n");
  auto response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.headers.at("content-length"), std::to_string(response.body.size()));
  sendAll(socket, "DELETE /api/thing HTTP/1.1\r\nHost: x\r\n\r\n");
  response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.headers.count("content-length"), 0u);
  sendAll(socket, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.status, 200);
}

TEST_F(HttpServerTest, HeadSendsTheLengthButNoBody) {
  start(quiet());
  auto socket = connect();
  std::string buffer;
  sendAll(socket, "HEAD /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  auto response = readResponse(socket, buffer, /*head=*/true);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("content-length"), "13");
  // The next response starts right after the headers: no body bytes were sent.
  sendAll(socket, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.body, R"({"pong":true})");
}

TEST_F(HttpServerTest, PathQueryAndHeadersAreDecodedIntoTheRequest) {
  start(quiet());
  Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
  Poco::Net::HTTPRequest request("GET", "/api/echo/a%20b%2Fc?x=1&y=a+b&z=%E2%9C%93&x=2");
  request.set("User-Agent", "arena-test");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  ASSERT_EQ(response.getStatus(), 200) << body;
  const auto json = nlohmann::json::parse(body);
  EXPECT_EQ(json["word"], "a b/c");
  EXPECT_EQ(json["query"]["x"], "2");
  EXPECT_EQ(json["query"]["y"], "a b");
  EXPECT_EQ(json["query"]["z"], "\xE2\x9C\x93");
  EXPECT_EQ(json["client"], "127.0.0.1");
  EXPECT_EQ(json["agent"], "arena-test");
}

TEST_F(HttpServerTest, ForwardedForIsBelievedOnlyFromTrustedProxies) {
  auto clientSeen = [&](const std::string& forwardedFor) {
    auto socket = connect();
    std::string buffer;
    sendAll(socket,
            "GET /api/echo/x HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: " + forwardedFor + "\r\n\r\n");
    const auto response = readResponse(socket, buffer);
    return nlohmann::json::parse(response.body)["client"].get<std::string>();
  };
  start(quiet());
  EXPECT_EQ(clientSeen("203.0.113.9"), "127.0.0.1");
  server->stop();

  HttpServer::Options options = quiet();
  options.trustedProxies = {"127.0.0.1"};
  start(options);
  EXPECT_EQ(clientSeen("203.0.113.9, 198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(clientSeen("203.0.113.9"), "203.0.113.9");
}

TEST_F(HttpServerTest, JsonBodyReachesTheHandler) {
  start(quiet());
  Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
  Poco::Net::HTTPRequest request("POST", "/api/body", "HTTP/1.1");
  const std::string payload = R"({"code":")" + std::string(30000, 'x') + R"("})";
  request.setContentType("application/json");
  request.setContentLength64(static_cast<Poco::Int64>(payload.size()));
  session.sendRequest(request) << payload;
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  EXPECT_EQ(response.getStatus(), 201) << body;
  EXPECT_EQ(nlohmann::json::parse(body)["size"], payload.size());
}

TEST_F(HttpServerTest, HugeDeclaredBodyGets413WithoutBeingRead) {
  HttpServer::Options options = quiet();
  options.maxBodyBytes = 1024;
  start(options);
  auto socket = connect();
  std::string buffer;
  // Declares a gigabyte and sends a few bytes: the answer must come without the rest.
  sendAll(socket,
          "POST /api/body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          "Content-Length: 1000000000\r\n\r\n{\"a\":");
  const auto response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["type"], "payload_too_large");
  EXPECT_EQ(response.headers.count("x-request-id"), 1u);
  EXPECT_TRUE(closedByPeer(socket));
  // The server is fine afterwards.
  auto again = connect();
  std::string buffer2;
  sendAll(again, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(readResponse(again, buffer2).status, 200);
}

TEST_F(HttpServerTest, OversizedChunkedBodyGets413) {
  HttpServer::Options options = quiet();
  options.maxBodyBytes = 1024;
  start(options);
  auto socket = connect();
  std::string buffer;
  std::string chunked =
      "POST /api/body HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) chunked += "400\r\n" + std::string(1024, ' ') + "\r\n";
  chunked += "0\r\n\r\n";
  sendAll(socket, chunked);
  const auto response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.status, 413);
}

TEST_F(HttpServerTest, MalformedRequestsDoNotHurtTheServer) {
  start(quiet());
  for (const std::string& garbage :
       {std::string("GARBAGE\r\n\r\n"), std::string("GET\r\n\r\n"),
        std::string("GET /api/ping HTTP/9.9 extra words\r\n\r\n"),
        std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
        "GET /" + std::string(100000, 'a') + " HTTP/1.1\r\n\r\n",
        std::string("GET /api/ping HTTP/1.1\r\nBad Header Without Colon\r\n\r\n"),
        std::string("POST /api/body HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
        std::string("POST /api/body HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")}) {
    auto socket = connect();
    try {
      sendAll(socket, garbage);
      socket.shutdownSend();
      std::string buffer;
      const auto response = readResponse(socket, buffer);
      // Poco tolerates some oddities (extra words, a header line without a colon); what
      // matters is a well-formed answer or a closed connection, never a crash.
      if (response.ok) {
        EXPECT_TRUE(response.status >= 200 && response.status < 600) << garbage.substr(0, 40);
      }
    } catch (const Poco::Exception&) {
      // A reset is an acceptable answer to garbage.
    }
  }
  auto socket = connect();
  std::string buffer;
  sendAll(socket, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(readResponse(socket, buffer).status, 200);
}

// The connection loop (keep_alive_connection.hpp) reads the next request from its buffer
// without waiting on the socket when the client sent several at once.
TEST_F(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start(quiet());
  auto socket = connect();
  sendAll(socket,
          "GET /api/echo/one HTTP/1.1\r\nHost: x\r\n\r\n"
          "GET /api/missing HTTP/1.1\r\nHost: x\r\n\r\n"
          "GET /api/echo/three HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string buffer;
  auto first = readResponse(socket, buffer);
  auto second = readResponse(socket, buffer);
  auto third = readResponse(socket, buffer);
  ASSERT_TRUE(first.ok && second.ok && third.ok);
  EXPECT_EQ(nlohmann::json::parse(first.body)["word"], "one");
  EXPECT_EQ(second.status, 404);
  EXPECT_EQ(nlohmann::json::parse(third.body)["word"], "three");
  EXPECT_NE(first.headers.at("x-request-id"), third.headers.at("x-request-id"));
}

// An idle keep-alive connection must not hold stop() for its keep-alive timeout (10 s).
TEST_F(HttpServerTest, StopEndsIdleKeepAliveConnectionsAtOnce) {
  start(quiet());
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 8; ++i) {
    idle.push_back(connect());
    std::string buffer;
    sendAll(idle.back(), "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(readResponse(idle.back(), buffer).status, 200);
  }
  const auto started = std::chrono::steady_clock::now();
  server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  for (auto& socket : idle) EXPECT_TRUE(closedByPeer(socket));
}

// A connection that never sends a byte is also let go by stop().
TEST_F(HttpServerTest, StopEndsConnectionsThatNeverSentARequest) {
  start(quiet());
  auto silent = connect();
  auto socket = connect();
  std::string buffer;
  sendAll(socket, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(readResponse(socket, buffer).status, 200);  // both are accepted by now
  const auto started = std::chrono::steady_clock::now();
  server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_TRUE(closedByPeer(silent));
}

// What Poco cannot parse gets the error shape and a request id, then the connection closes.
TEST_F(HttpServerTest, UnparsableRequestGets400InTheErrorShape) {
  start(quiet());
  auto socket = connect();
  sendAll(socket, std::string(40, 'G') + " /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string buffer;
  const auto response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  EXPECT_EQ(response.status, 400);
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << response.body;
  EXPECT_EQ(body["error"]["status"], 400);
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_EQ(response.headers.count("x-request-id"), 1u);
  EXPECT_EQ(response.headers.at("x-content-type-options"), "nosniff");
  EXPECT_TRUE(closedByPeer(socket));
}

// Every response carries a well-formed Date (the connection loop formats it once a second).
TEST_F(HttpServerTest, ResponsesCarryAnImfFixdate) {
  start(quiet());
  auto socket = connect();
  std::string buffer;
  sendAll(socket, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = readResponse(socket, buffer);
  ASSERT_TRUE(response.ok);
  const std::string& date = response.headers.at("date");
  ASSERT_EQ(date.size(), 29u) << date;
  EXPECT_EQ(date.substr(25), " GMT");
}

TEST_F(HttpServerTest, EachRequestLogsOneJsonLine) {
  testing::internal::CaptureStderr();
  start();  // logging on
  {
    auto socket = connect();
    std::string buffer;
    sendAll(socket, "GET /api/echo/hi?q=1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: trace-77\r\n\r\n");
    ASSERT_EQ(readResponse(socket, buffer).status, 200);
    // The connection's thread logs request 1 before it reads request 2.
    sendAll(socket, "GET /api/ping HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_EQ(readResponse(socket, buffer).status, 200);
  }
  server->stop();
  const std::string log = testing::internal::GetCapturedStderr();
  std::istringstream lines(log);
  std::string first;
  std::getline(lines, first);
  const auto line = nlohmann::json::parse(first, nullptr, false);
  ASSERT_FALSE(line.is_discarded()) << log;
  EXPECT_EQ(line["level"], "info");
  EXPECT_EQ(line["request_id"], "trace-77");
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["path"], "/api/echo/hi");
  EXPECT_EQ(line["route"], "/api/echo/{word}");
  EXPECT_EQ(line["status"], 200);
  EXPECT_EQ(line["client"], "127.0.0.1");
  EXPECT_TRUE(line["bytes"].is_number());
  EXPECT_TRUE(line["duration_ms"].is_number());
  EXPECT_TRUE(line["ts"].is_string());
}

TEST_F(HttpServerTest, SixtyFourConcurrentKeepAliveClientsAllSucceed) {
  start(quiet());
  std::atomic<int> succeeded{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 64; ++c) {
    clients.emplace_back([&] {
      try {
        Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
        session.setKeepAlive(true);
        for (int i = 0; i < 20; ++i) {
          Poco::Net::HTTPRequest request("GET", "/api/ping", "HTTP/1.1");
          session.sendRequest(request);
          Poco::Net::HTTPResponse response;
          std::string body;
          Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
          if (response.getStatus() == 200 && body == R"({"pong":true})") ++succeeded;
        }
      } catch (const Poco::Exception&) {
        // Counted as missing successes.
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(succeeded.load(), 64 * 20);
}

TEST_F(HttpServerTest, StopWaitsForTheRunningRequest) {
  start(quiet());
  std::string status;
  std::thread client([&] {
    try {
      Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
      Poco::Net::HTTPRequest request("GET", "/api/slow", "HTTP/1.1");
      session.sendRequest(request);
      Poco::Net::HTTPResponse response;
      std::string body;
      Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
      status = std::to_string(response.getStatus());
    } catch (const Poco::Exception& e) {
      status = e.displayText();
    }
  });
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return entered; });
  }
  bool finishedWhenStopReturned = false;
  std::thread stopper([&] {
    server->stop();
    std::lock_guard lock(mutex);
    finishedWhenStopReturned = finished;
  });
  {
    std::lock_guard lock(mutex);
    released = true;
  }
  changed.notify_all();
  stopper.join();
  client.join();
  EXPECT_TRUE(finishedWhenStopReturned);
  EXPECT_EQ(status, "200");
}

TEST_F(HttpServerTest, SecondServerOnTheSamePortIsUnavailable) {
  start(quiet());
  HttpServer::Options options = quiet();
  options.bind = "127.0.0.1";
  options.port = server->port();
  const auto second = HttpServer::start(dispatcher, options);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::Unavailable);
}

}  // namespace
}  // namespace arena::server::http
