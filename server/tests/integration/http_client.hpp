#pragma once
// A small blocking HTTP/1.1 client for the integration tests (Poco underneath), one keep-alive
// connection per client object.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace Poco::Net {
class HTTPClientSession;
}

namespace arena::server::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased

  // The body as JSON; null when it is not JSON.
  nlohmann::json json() const;
  std::string header(const std::string& name) const;
};

class HttpClient {
 public:
  HttpClient(std::string host, int port);
  ~HttpClient();

  HttpResult request(const std::string& method, const std::string& path,
                     const std::string& body = {}, const std::string& token = {},
                     const std::string& contentType = "application/json",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult get(const std::string& path, const std::string& token = {}) {
    return request("GET", path, {}, token);
  }
  HttpResult post(const std::string& path, const nlohmann::json& body,
                  const std::string& token = {}) {
    return request("POST", path, body.dump(), token);
  }

 private:
  std::string m_host;
  int m_port;
  std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
};

}  // namespace arena::server::testing
