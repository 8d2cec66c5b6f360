#pragma once
// The fixture of the integration suites: a fresh database (SQLite or MariaDB, from the storage
// fixture) and a real arena-server process on it, with helpers for the calls every test makes.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "server_process.hpp"
#include "storage_fixture.hpp"

namespace arena::server::testing {

struct Account {
  std::string username;
  std::string password;
  std::string accessToken;
  std::string refreshToken;
  std::int64_t id = 0;
};

class ServerTest : public storage::testing::StorageTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts (or restarts) the server on this test's database and data directory.
  void startServer(int judges = 1);
  ServerProcess& server() { return *m_server; }
  HttpClient& http() { return *m_http; }

  Account registerUser(const std::string& username);
  Account loginAdmin();
  // Polls until the submission is judged; the final JSON, or null after the timeout.
  nlohmann::json waitJudged(std::int64_t id, const std::string& token,
                            std::chrono::seconds timeout = std::chrono::seconds(90));
  std::string dataDir() const { return m_dataDir.string(); }

 private:
  std::filesystem::path m_dataDir;
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<HttpClient> m_http;
  std::string m_adminPassword;
};

// C++ and Python programs for the sample problem "sum-of-two" (t, then t pairs of integers).
inline constexpr const char* kSumCpp = R"(#include <cstdio>
int main() { int t; std::scanf("%d", &t); while (t--) { long long a, b;
  std::scanf("%lld %lld", &a, &b); std::printf("%lld\n", a + b); } })";
inline constexpr const char* kSumPython = R"(import sys
data = sys.stdin.read().split()
t = int(data[0])
print("\n".join(str(int(data[1 + 2 * i]) + int(data[2 + 2 * i])) for i in range(t))))";
inline constexpr const char* kWrongPython = R"(import sys
data = sys.stdin.read().split()
t = int(data[0])
print("\n".join(str(int(data[1 + 2 * i]) - int(data[2 + 2 * i])) for i in range(t))))";
inline constexpr const char* kWrongCpp = R"(#include <cstdio>
int main() { int t; std::scanf("%d", &t); while (t--) { int a, b;
  std::scanf("%d %d", &a, &b); std::printf("%d\n", a * b); } })";

}  // namespace arena::server::testing
