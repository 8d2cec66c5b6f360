#include "server_test.hpp"

#include <unistd.h>

#include <thread>

namespace arena::server::testing {

void ServerTest::SetUp() {
  StorageTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  std::string pattern = (std::filesystem::temp_directory_path() / "arena-server-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  // The sandbox's boxes run as other uids and must traverse the path to the judge's work dirs.
  std::filesystem::permissions(pattern, std::filesystem::perms::owner_all |
                                            std::filesystem::perms::group_exec |
                                            std::filesystem::perms::others_exec);
  m_dataDir = std::filesystem::path(pattern) / "data";
}

void ServerTest::TearDown() {
  m_http.reset();
  if (m_server) {
    if (HasFailure()) std::cerr << "arena-server log tail:\n" << m_server->logTail() << "\n";
    m_server.reset();
  }
  if (!m_dataDir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(m_dataDir.parent_path(), ec);
  }
  StorageTest::TearDown();
}

void ServerTest::startServer(int judges) {
  m_http.reset();
  m_server = std::make_unique<ServerProcess>(ServerOptions{m_dataDir, url(), judges, {}});
  ASSERT_TRUE(m_server->start()) << m_server->why();
  if (!m_server->adminPassword().empty()) m_adminPassword = m_server->adminPassword();
  m_http = std::make_unique<HttpClient>(m_server->host(), m_server->port());
}

Account ServerTest::registerUser(const std::string& username) {
  Account account{username, "pass-" + username + "-123", {}, {}, 0};
  const HttpResult reply = http().post(
      "/api/auth/register",
      {{"email", username + "@example.org"}, {"username", username}, {"password", account.password}});
  EXPECT_EQ(reply.status, 201) << reply.body;
  const nlohmann::json body = reply.json();
  if (reply.status == 201) {
    account.accessToken = body.at("access_token");
    account.refreshToken = body.at("refresh_token");
    account.id = body.at("user").at("id");
  }
  return account;
}

Account ServerTest::loginAdmin() {
  Account account{"admin", m_adminPassword, {}, {}, 0};
  EXPECT_FALSE(m_adminPassword.empty()) << "the server printed no admin password";
  const HttpResult reply =
      http().post("/api/auth/login", {{"username", "admin"}, {"password", m_adminPassword}});
  EXPECT_EQ(reply.status, 200) << reply.body;
  if (reply.status == 200) {
    const nlohmann::json body = reply.json();
    account.accessToken = body.at("access_token");
    account.refreshToken = body.at("refresh_token");
    account.id = body.at("user").at("id");
  }
  return account;
}

nlohmann::json ServerTest::waitJudged(std::int64_t id, const std::string& token,
                                      std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    const HttpResult reply = http().get("/api/submissions/" + std::to_string(id), token);
    if (reply.status != 200) return nullptr;
    nlohmann::json body = reply.json();
    if (body.value("status", "") == "judged") return body;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return nullptr;
}

}  // namespace arena::server::testing
