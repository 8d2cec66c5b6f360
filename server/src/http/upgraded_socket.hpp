#pragma once
// A connection that has switched protocols (a WebSocket after its handshake) or carries a
// streamed response (Response::stream) after its headers, handed by the HTTP front to whoever
// serves it from then on. No Poco here: the owner does raw non-blocking I/O on
// fd(), and the socket stays open exactly as long as this object lives.

namespace arena::server::http {

class UpgradedSocket {
 public:
  virtual ~UpgradedSocket() = default;
  virtual int fd() const = 0;
};

}  // namespace arena::server::http
