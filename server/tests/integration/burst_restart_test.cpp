// The same burst on the embedded default (SQLite, in-process queue and judges): arena-server is
// SIGKILLed in the middle of judging 200 submissions and started again on the same data. Nothing
// is lost (every submission is judged after the restart) and nothing is judged twice (one
// "verdict" analytics event each: results are recorded only for the attempt that owns them).

#include <iostream>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "scale_out_support.hpp"
#include "server_process.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr int kSubmissions = 200;
constexpr int kUsers = 4;
constexpr int kSandboxUid = 324000;

class BurstRestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "arena-burst-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_root = pattern;
    fs::permissions(m_root, fs::perms::owner_all | fs::perms::group_exec |
                                fs::perms::others_exec);
  }
  void TearDown() override {
    if (HasFailure() && m_server) std::cerr << "arena-server log:\n" << m_server->logTail();
    m_server.reset();
    std::error_code ec;
    fs::remove_all(m_root, ec);
  }
  void startServer() {
    m_server = std::make_unique<ServerProcess>(ServerOptions{
        m_root / "data",
        {},  // the embedded SQLite default
        2,
        {{"ARENA_SANDBOX_UID", std::to_string(kSandboxUid)}, {"ARENA_RATE_LIMIT", "10000"}}});
    ASSERT_TRUE(m_server->start()) << m_server->why();
    if (!m_server->adminPassword().empty()) m_adminPassword = m_server->adminPassword();
    m_http = std::make_unique<HttpClient>(m_server->host(), m_server->port());
  }
  std::string login(const std::string& user, const std::string& password) {
    const HttpResult reply =
        m_http->post("/api/auth/login", {{"username", user}, {"password", password}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.status == 200 ? reply.json().at("access_token").get<std::string>() : "";
  }

  fs::path m_root;
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<HttpClient> m_http;
  std::string m_adminPassword;
};

TEST_F(BurstRestartTest, KilledMidBurstAndRestartedEverySubmissionIsJudgedExactlyOnce) {
  startServer();
  const std::string admin = login("admin", m_adminPassword);
  const std::int64_t problemId = createBurstProblem(*m_http, admin, "restart-burst", 3);
  ASSERT_NE(problemId, 0);
  std::vector<std::string> users;
  for (int u = 0; u < kUsers; ++u) {
    const std::string name = "burst" + std::to_string(u);
    const HttpResult registered = m_http->post(
        "/api/auth/register",
        {{"email", name + "@example.org"}, {"username", name}, {"password", "pass-" + name + "-1"}});
    ASSERT_EQ(registered.status, 201) << registered.body;
    users.push_back(name);
  }
  std::vector<std::string> tokens;
  for (const auto& name : users) tokens.push_back(login(name, "pass-" + name + "-1"));

  std::vector<std::int64_t> ids;
  for (int i = 0; i < kSubmissions; ++i) {
    const HttpResult submitted = m_http->post(
        "/api/submissions",
        {{"problem_id", problemId}, {"language", "cpp17"}, {"code", kBurstCpp}},
        tokens[static_cast<std::size_t>(i % kUsers)]);
    ASSERT_EQ(submitted.status, 202) << submitted.body;
    ids.push_back(submitted.json().at("id"));
  }
  // In the middle: some judged, not all.
  const auto judgedCount = [&] { return verdictEventsBySubmission(*m_http, admin).size(); };
  const auto midRun = std::chrono::steady_clock::now() + 60s;
  while (judgedCount() < kSubmissions / 5 && std::chrono::steady_clock::now() < midRun) {
    std::this_thread::sleep_for(50ms);
  }
  const std::size_t beforeCrash = judgedCount();
  ASSERT_GE(beforeCrash, static_cast<std::size_t>(kSubmissions / 5)) << "no progress";
  m_server->kill();
  ASSERT_LT(beforeCrash, static_cast<std::size_t>(kSubmissions))
      << "everything was judged before the crash: the test shows nothing";

  startServer();
  const std::string adminAgain = login("admin", m_adminPassword);
  const auto deadline = std::chrono::steady_clock::now() + 90s;
  std::map<std::int64_t, int> verdicts;
  while (std::chrono::steady_clock::now() < deadline) {
    verdicts = verdictEventsBySubmission(*m_http, adminAgain);
    if (verdicts.size() >= ids.size()) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(verdicts.size(), ids.size());
  for (std::int64_t id : ids) {
    EXPECT_EQ(verdicts[id], 1) << "submission " << id;
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const HttpResult row = m_http->get("/api/submissions/" + std::to_string(ids[i]),
                                       tokens[i % kUsers]);
    ASSERT_EQ(row.status, 200) << row.body;
    EXPECT_EQ(row.json().value("status", ""), "judged") << row.body;
    EXPECT_EQ(row.json().value("verdict", ""), "AC") << row.body;
  }
}

}  // namespace
}  // namespace arena::server::testing
