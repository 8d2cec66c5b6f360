#include "admin_cli/admin_client.hpp"

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <nlohmann/json.hpp>

namespace arena::server::admin {

Result<AdminClient> AdminClient::connect(const std::string& server) {
  try {
    const Poco::URI uri(server);
    if (uri.getScheme() != "http") {
      return fail(ErrorCode::InvalidArgument,
                  "--server must be an http:// URL (got '" + server + "')");
    }
    if (uri.getHost().empty()) return fail(ErrorCode::InvalidArgument, "--server has no host");
    return AdminClient(uri.getHost(), uri.getPort());
  } catch (const Poco::Exception& error) {
    return fail(ErrorCode::InvalidArgument, "bad --server URL: " + error.displayText());
  }
}

AdminClient::AdminClient(std::string host, std::uint16_t port)
    : m_host(std::move(host)),
      m_port(port),
      m_session(std::make_unique<Poco::Net::HTTPClientSession>(m_host, m_port)) {}

AdminClient::AdminClient(AdminClient&&) noexcept = default;
AdminClient& AdminClient::operator=(AdminClient&&) noexcept = default;
AdminClient::~AdminClient() = default;

Result<AdminReply> AdminClient::request(const std::string& method, const std::string& pathAndQuery,
                                        const std::string& body, const std::string& contentType,
                                        std::chrono::seconds timeout) {
  try {
    m_session->setTimeout(Poco::Timespan(static_cast<long>(timeout.count()), 0));
    Poco::Net::HTTPRequest request(method, pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(m_host, m_port);
    if (!m_token.empty()) request.set("Authorization", "Bearer " + m_token);
    if (!body.empty() || method == "POST" || method == "PUT") {
      request.setContentType(contentType);
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    std::ostream& out = m_session->sendRequest(request);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    Poco::Net::HTTPResponse response;
    std::istream& in = m_session->receiveResponse(response);
    AdminReply reply;
    reply.status = static_cast<int>(response.getStatus());
    reply.contentType = response.getContentType();
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
  } catch (const Poco::Exception& error) {
    // The next request opens a fresh connection instead of reusing a broken one.
    m_session->reset();
    return fail(ErrorCode::Unavailable, "cannot talk to " + m_host + ":" +
                                            std::to_string(m_port) + ": " + error.displayText());
  }
}

Result<void> AdminClient::login(const std::string& user, const std::string& password) {
  if (password.empty()) {
    return fail(ErrorCode::InvalidArgument,
                "no password: pass --password or set ARENA_ADMIN_PASSWORD");
  }
  const nlohmann::json body = {{"username", user}, {"password", password}};
  auto reply = request("POST", "/api/auth/login", body.dump());
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 200) {
    return fail(ErrorCode::Unauthenticated, "login as '" + user + "' failed: " +
                                                describeFailure(*reply));
  }
  const auto json = nlohmann::json::parse(reply->body, nullptr, false);
  if (!json.is_object() || !json.contains("access_token") || !json["access_token"].is_string()) {
    return fail(ErrorCode::Internal, "the login answer has no access token");
  }
  m_token = json["access_token"].get<std::string>();
  return {};
}

std::string describeFailure(const AdminReply& reply) {
  const auto json = nlohmann::json::parse(reply.body, nullptr, false);
  if (json.is_object() && json.contains("error") && json["error"].is_object() &&
      json["error"].contains("message") && json["error"]["message"].is_string()) {
    return json["error"]["message"].get<std::string>() + " (HTTP " +
           std::to_string(reply.status) + ")";
  }
  return "HTTP " + std::to_string(reply.status) + ": " + reply.body.substr(0, 300);
}

}  // namespace arena::server::admin
