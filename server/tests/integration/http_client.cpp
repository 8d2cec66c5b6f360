#include "http_client.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <cctype>

namespace arena::server::testing {

nlohmann::json HttpResult::json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::string host, int port) : m_host(std::move(host)), m_port(port) {}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::request(const std::string& method, const std::string& path,
                               const std::string& body, const std::string& token,
                               const std::string& contentType,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  // One retry on a fresh connection: the server may have closed an idle keep-alive one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!m_session) {
        m_session = std::make_unique<Poco::Net::HTTPClientSession>(m_host,
                                                                   static_cast<Poco::UInt16>(m_port));
        m_session->setTimeout(Poco::Timespan(120, 0));
        m_session->setKeepAlive(true);
      }
      Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
      request.setKeepAlive(true);
      if (!token.empty()) request.set("Authorization", "Bearer " + token);
      for (const auto& [name, value] : headers) request.set(name, value);
      if (!body.empty() || method == "POST" || method == "PUT") {
        request.setContentType(contentType);
        request.setContentLength(static_cast<std::streamsize>(body.size()));
      }
      m_session->sendRequest(request) << body;
      Poco::Net::HTTPResponse response;
      std::istream& in = m_session->receiveResponse(response);
      HttpResult result;
      result.status = static_cast<int>(response.getStatus());
      Poco::StreamCopier::copyToString(in, result.body);
      for (const auto& [name, value] : response) {
        std::string lower = name;
        std::ranges::transform(lower, lower.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        result.headers[lower] = value;
      }
      return result;
    } catch (const std::exception&) {
      m_session.reset();
      if (attempt == 1) throw;
    }
  }
  return {};
}

}  // namespace arena::server::testing
