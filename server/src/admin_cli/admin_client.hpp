#pragma once
// arena-admin's connection to a running server: plain HTTP/1.1 over Poco's HTTPClientSession,
// logged in once with the admin's username and password (POST /api/auth/login), every later
// request carrying the access token. Poco throws; every call here catches and returns an Error,
// so the commands read as a list of steps.

#include <chrono>
#include <memory>
#include <string>

#include "arena/core/error.hpp"

namespace Poco::Net {
class HTTPClientSession;
}

namespace arena::server::admin {

struct AdminReply {
  int status = 0;
  std::string contentType;
  std::string body;
};

class AdminClient {
 public:
  // `server` is "http://host[:port]" (https is not supported: the lab server speaks plain HTTP
  // on its own network; put a TLS proxy in front otherwise). InvalidArgument for anything else.
  static Result<AdminClient> connect(const std::string& server);
  AdminClient(AdminClient&&) noexcept;
  AdminClient& operator=(AdminClient&&) noexcept;
  ~AdminClient();

  // Unauthenticated with the server's message when the credentials are refused.
  Result<void> login(const std::string& user, const std::string& password);

  // Any status is a reply; only a failure to talk to the server is an error (Unavailable).
  Result<AdminReply> request(const std::string& method, const std::string& pathAndQuery,
                             const std::string& body = {},
                             const std::string& contentType = "application/json",
                             std::chrono::seconds timeout = std::chrono::seconds(60));

 private:
  AdminClient(std::string host, std::uint16_t port);

  std::string m_host;
  std::uint16_t m_port = 0;
  std::string m_token;
  std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
};

// The server's error message from an error-shaped body, or the status and raw body.
std::string describeFailure(const AdminReply& reply);

}  // namespace arena::server::admin
