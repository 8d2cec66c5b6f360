#pragma once
// A small blocking WebSocket client for tests (plain POSIX sockets, no Poco): connect to a real
// arena-server's /api/ws, send JSON, and wait for the next event with a timeout.
//
//   WsClient client;
//   ASSERT_TRUE(client.connect("127.0.0.1", port, token)) << client.error();
//   auto hello = client.next(std::chrono::seconds(5));           // {"type":"hello",...}
//   client.send({{"type", "subscribe"}, {"data", {{"channel", "leaderboard"}}}});
//   auto verdict = client.nextOfType("submission.verdict", std::chrono::seconds(60));
//
// Server pings are answered automatically (unless autoPong is off) and never returned. next()
// returns nullopt on timeout or once the connection closed (closed() then says so, with the
// server's close code when it sent one). One thread per client object.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace arena::server::testing {

struct WsEvent {
  std::string type;
  nlohmann::json data;
};

struct WsClientOptions {
  bool autoPong = true;       // off: behave like a peer that vanished (for heartbeat tests)
  int receiveBufferBytes = 0;  // SO_RCVBUF before connecting (small: a slow reader fills fast)
  bool tokenInQuery = true;    // ?access_token=; false: Authorization: Bearer
};

class WsClient {
 public:
  explicit WsClient(WsClientOptions options = {});
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Connects and upgrades; false with error() and, when the server answered, status() and
  // body() (e.g. 401 and the error shape).
  bool connect(const std::string& host, int port, const std::string& token,
               std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // One masked text frame with message.dump().
  bool send(const nlohmann::json& message);
  // Raw bytes as they are (hostile-frame tests).
  bool sendRaw(const std::string& bytes);
  std::optional<WsEvent> next(std::chrono::milliseconds timeout);
  // Skips other events until one of `type` arrives.
  std::optional<WsEvent> nextOfType(const std::string& type, std::chrono::milliseconds timeout);
  // Reads until the server closes the connection or the timeout; true when it closed.
  bool waitClosed(std::chrono::milliseconds timeout);

  bool closed() const { return m_closed; }
  std::optional<std::uint16_t> closeCode() const { return m_closeCode; }
  int status() const { return m_status; }
  const std::string& body() const { return m_body; }
  const std::string& error() const { return m_error; }
  int fd() const { return m_fd; }

 private:
  struct Frame {
    std::uint8_t opcode = 0;
    std::string payload;
  };
  // The next whole frame, or nullopt (timeout, closed).
  std::optional<Frame> readFrame(std::chrono::steady_clock::time_point deadline);
  bool readMore(std::chrono::steady_clock::time_point deadline);
  bool sendFrame(std::uint8_t opcode, const std::string& payload);

  WsClientOptions m_options;
  int m_fd = -1;
  std::string m_buffer;
  bool m_closed = false;
  std::optional<std::uint16_t> m_closeCode;
  int m_status = 0;
  std::string m_body;
  std::string m_error;
};

}  // namespace arena::server::testing
