#include "ws_client.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <random>

namespace arena::server::testing {

namespace {

using Clock = std::chrono::steady_clock;

int remainingMs(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::max<long long>(0, left.count()));
}

bool sendAll(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

WsClient::WsClient(WsClientOptions options) : m_options(options) {}

WsClient::~WsClient() {
  if (m_fd >= 0) ::close(m_fd);
}

bool WsClient::connect(const std::string& host, int port, const std::string& token,
                       std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) {
    m_error = "cannot resolve " + host;
    return false;
  }
  m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m_options.receiveBufferBytes > 0) {
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &m_options.receiveBufferBytes,
                 sizeof m_options.receiveBufferBytes);
  }
  const int connected = ::connect(m_fd, found->ai_addr, found->ai_addrlen);
  ::freeaddrinfo(found);
  if (connected != 0) {
    m_error = std::string("connect: ") + std::strerror(errno);
    return false;
  }

  std::string request = "GET /api/ws";
  if (m_options.tokenInQuery && !token.empty()) request += "?access_token=" + token;
  request += " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
             "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  if (!m_options.tokenInQuery && !token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  request += "\r\n";
  if (!sendAll(m_fd, request)) {
    m_error = "cannot send the handshake";
    return false;
  }

  std::size_t end = std::string::npos;
  while ((end = m_buffer.find("\r\n\r\n")) == std::string::npos) {
    if (!readMore(deadline)) {
      m_error = "no handshake answer";
      return false;
    }
  }
  const std::string head = m_buffer.substr(0, end + 4);
  m_buffer.erase(0, end + 4);
  if (head.size() > 12) m_status = std::atoi(head.c_str() + 9);  // "HTTP/1.1 101 ..."
  if (m_status == 101) return true;

  // A refusal: keep the body (the error shape) for the test to read.
  std::size_t length = 0;
  std::string lower = head;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const auto at = lower.find("content-length:"); at != std::string::npos) {
    length = static_cast<std::size_t>(std::atol(lower.c_str() + at + 15));
  }
  while (m_buffer.size() < length && readMore(deadline)) {
  }
  m_body = m_buffer.substr(0, length);
  m_error = "handshake refused with " + std::to_string(m_status);
  return false;
}

bool WsClient::readMore(Clock::time_point deadline) {
  if (m_closed || m_fd < 0) return false;
  pollfd p{m_fd, POLLIN, 0};
  const int ready = ::poll(&p, 1, remainingMs(deadline));
  if (ready <= 0) return false;
  char chunk[16384];
  const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
  if (n <= 0) {
    m_closed = true;
    return false;
  }
  m_buffer.append(chunk, static_cast<std::size_t>(n));
  return true;
}

std::optional<WsClient::Frame> WsClient::readFrame(Clock::time_point deadline) {
  for (;;) {
    if (m_buffer.size() >= 2) {
      const auto* data = reinterpret_cast<const unsigned char*>(m_buffer.data());
      std::uint64_t length = data[1] & 0x7F;
      std::size_t header = 2;
      if (length == 126 && m_buffer.size() >= 4) {
        length = (std::uint64_t{data[2]} << 8) | data[3];
        header = 4;
      } else if (length == 127 && m_buffer.size() >= 10) {
        length = 0;
        for (int k = 2; k < 10; ++k) length = (length << 8) | data[k];
        header = 10;
      } else if (length >= 126) {
        header = 0;  // extended length not here yet
      }
      if (header > 0 && m_buffer.size() >= header + length) {
        Frame frame{static_cast<std::uint8_t>(data[0] & 0x0F),
                    m_buffer.substr(header, static_cast<std::size_t>(length))};
        m_buffer.erase(0, header + static_cast<std::size_t>(length));
        return frame;
      }
    }
    if (!readMore(deadline)) return std::nullopt;
  }
}

std::optional<WsEvent> WsClient::next(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    auto frame = readFrame(deadline);
    if (!frame) return std::nullopt;
    switch (frame->opcode) {
      case 0x1: {
        const nlohmann::json message = nlohmann::json::parse(frame->payload, nullptr, false);
        if (message.is_discarded() || !message.is_object()) continue;
        return WsEvent{message.value("type", ""), message.value("data", nlohmann::json::object())};
      }
      case 0x9:
        if (m_options.autoPong) sendFrame(0xA, frame->payload);
        continue;
      case 0x8:
        if (frame->payload.size() >= 2) {
          m_closeCode = static_cast<std::uint16_t>(
              (static_cast<unsigned char>(frame->payload[0]) << 8) |
              static_cast<unsigned char>(frame->payload[1]));
        }
        sendFrame(0x8, frame->payload.substr(0, 2));
        m_closed = true;
        return std::nullopt;
      default:
        continue;
    }
  }
}

std::optional<WsEvent> WsClient::nextOfType(const std::string& type,
                                            std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    auto event = next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
    if (!event) return std::nullopt;
    if (event->type == type) return event;
  }
  return std::nullopt;
}

bool WsClient::waitClosed(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!m_closed && Clock::now() < deadline) {
    next(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
  }
  return m_closed;
}

bool WsClient::send(const nlohmann::json& message) { return sendFrame(0x1, message.dump()); }

bool WsClient::sendRaw(const std::string& bytes) { return m_fd >= 0 && sendAll(m_fd, bytes); }

bool WsClient::sendFrame(std::uint8_t opcode, const std::string& payload) {
  if (m_fd < 0) return false;
  static thread_local std::mt19937 random(std::random_device{}());
  std::string frame;
  frame.push_back(static_cast<char>(0x80 | opcode));
  const std::uint64_t length = payload.size();
  if (length < 126) {
    frame.push_back(static_cast<char>(0x80 | length));
  } else if (length <= 0xFFFF) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>(length >> 8));
    frame.push_back(static_cast<char>(length & 0xFF));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      frame.push_back(static_cast<char>((length >> shift) & 0xFF));
    }
  }
  const auto mask = static_cast<std::uint32_t>(random());
  char key[4];
  std::memcpy(key, &mask, 4);
  frame.append(key, 4);
  for (std::size_t i = 0; i < payload.size(); ++i) frame.push_back(static_cast<char>(payload[i] ^ key[i & 3]));
  return sendAll(m_fd, frame);
}

}  // namespace arena::server::testing
