// Streamed responses (Response::stream) over real loopback sockets: on our fast path (HTTP/1.1)
// and on Poco's (HTTP/1.0) the headers go out without a Content-Length and with
// "Connection: Close", the route's callee gets the connection and writes the body as it likes,
// the HTTP thread goes back to its pool (more streams than threads), stopping the server leaves a
// handed-over connection to its owner, and HEAD gets the headers without a handoff.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "http/http_server.hpp"

namespace arena::server::http {
namespace {

using namespace std::chrono_literals;

class StreamResponseTest : public ::testing::Test {
 protected:
  StreamResponseTest() : dispatcher(router, nullptr, metrics, dispatcherOptions()) {
    router.add({"GET", "/api/ping", Access::Public, "ping"}, [](Request&) -> Result<Response> {
      return Response::json({{"pong", true}});
    });
    router.add({"GET", "/api/stream", Access::Public, "a stream"},
               [this](Request&) -> Result<Response> {
                 Response response;
                 response.contentType = "application/x-ndjson";
                 response.stream = [this](std::unique_ptr<UpgradedSocket> socket) {
                   std::lock_guard lock(mutex);
                   adopted.push_back(std::move(socket));
                   changed.notify_all();
                 };
                 return response;
               });
  }
  ~StreamResponseTest() override {
    if (server) server->stop();
  }

  static DispatcherOptions dispatcherOptions() {
    DispatcherOptions options;
    options.perClient = {100000.0, 100000.0};
    return options;
  }

  void start(int threads = 8) {
    HttpServer::Options options;
    options.bind = "127.0.0.1";
    options.port = 0;
    options.threads = threads;
    options.logRequests = false;
    auto started = HttpServer::start(dispatcher, options);
    ASSERT_TRUE(started.has_value()) << started.error().message;
    server = std::move(*started);
  }

  Poco::Net::StreamSocket request(const std::string& head) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server->port()));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
    return socket;
  }

  // The callee's n-th connection, once it has arrived.
  UpgradedSocket* waitAdopted(std::size_t count) {
    std::unique_lock lock(mutex);
    if (!changed.wait_for(lock, 5s, [&] { return adopted.size() >= count; })) return nullptr;
    return adopted[count - 1].get();
  }

  // Reads until `text` has been received (true) or the peer closed / 5 s passed.
  static bool receive(Poco::Net::StreamSocket& socket, std::string& got, const std::string& text) {
    char chunk[4096];
    while (got.find(text) == std::string::npos) {
      int n = 0;
      try {
        n = socket.receiveBytes(chunk, sizeof chunk);
      } catch (...) {
        return false;
      }
      if (n <= 0) return false;
      got.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
  }
  static bool closedByPeer(Poco::Net::StreamSocket& socket, std::string& got) {
    char chunk[4096];
    try {
      for (;;) {
        const int n = socket.receiveBytes(chunk, sizeof chunk);
        if (n <= 0) return true;
        got.append(chunk, static_cast<std::size_t>(n));
      }
    } catch (...) {
      return false;  // the timeout: still open
    }
  }
  static void write(UpgradedSocket& socket, const std::string& bytes) {
    ASSERT_EQ(::send(socket.fd(), bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }

  Router router;
  Metrics metrics;
  Dispatcher dispatcher;
  std::unique_ptr<HttpServer> server;

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::unique_ptr<UpgradedSocket>> adopted;
};

TEST_F(StreamResponseTest, BothPathsSendHeadersThenHandTheConnectionToTheCallee) {
  start();
  for (const std::string version : {"HTTP/1.1", "HTTP/1.0"}) {  // ours, then Poco's
    SCOPED_TRACE(version);
    const std::size_t n = adopted.size() + 1;
    auto client = request("GET /api/stream " + version + "\r\nHost: x\r\n\r\n");
    std::string got;
    ASSERT_TRUE(receive(client, got, "\r\n\r\n"));
    const std::string head = got.substr(0, got.find("\r\n\r\n") + 4);
    EXPECT_EQ(head.rfind(version + " 200 OK\r\n", 0), 0u) << head;
    EXPECT_NE(head.find("Content-Type: application/x-ndjson\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("Connection: Close\r\n"), std::string::npos) << head;
    EXPECT_NE(head.find("X-Request-Id: "), std::string::npos) << "standard headers as ever";
    EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
    UpgradedSocket* owned = waitAdopted(n);
    ASSERT_TRUE(owned);
    write(*owned, "{\"a\":1}\n");
    ASSERT_TRUE(receive(client, got, "{\"a\":1}\n"));
    write(*owned, "\n");
    ASSERT_TRUE(receive(client, got, "{\"a\":1}\n\n"));
    // Its owner closing it ends the body.
    {
      std::lock_guard lock(mutex);
      adopted.back().reset();
    }
    EXPECT_TRUE(closedByPeer(client, got));
    EXPECT_EQ(got.substr(head.size()), "{\"a\":1}\n\n");
  }
}

TEST_F(StreamResponseTest, StreamsDoNotHoldHttpThreads) {
  start(/*threads=*/2);
  std::vector<Poco::Net::StreamSocket> clients;
  for (int i = 0; i < 6; ++i) {
    clients.push_back(request("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n"));
    ASSERT_TRUE(waitAdopted(static_cast<std::size_t>(i + 1))) << "stream " << i;
  }
  auto ping = request("GET /api/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string got;
  EXPECT_TRUE(receive(ping, got, "{\"pong\":true}")) << got;
}

TEST_F(StreamResponseTest, StoppingTheServerLeavesAHandedOverConnectionToItsOwner) {
  start();
  auto client = request("GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  UpgradedSocket* owned = waitAdopted(1);
  ASSERT_TRUE(owned);
  server->stop();
  std::string got;
  write(*owned, "after stop\n");
  EXPECT_TRUE(receive(client, got, "after stop\n"));
}

TEST_F(StreamResponseTest, HeadGetsTheHeadersWithoutAHandoff) {
  start();
  auto client = request("HEAD /api/stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string got;
  ASSERT_TRUE(receive(client, got, "\r\n\r\n"));
  EXPECT_EQ(got.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << got;
  EXPECT_TRUE(closedByPeer(client, got));
  std::lock_guard lock(mutex);
  EXPECT_TRUE(adopted.empty());
}

}  // namespace
}  // namespace arena::server::http
