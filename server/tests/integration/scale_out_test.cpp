// Scale-out under a fault, on real MariaDB and Redis: two arena-server replicas (A and B, no
// judges of their own) and two arena-judge workers on loopback. 200 submissions arrive through
// A while their owners watch on WebSockets connected to B; one worker is SIGKILLed mid-run. Its
// jobs are reclaimed after the lease and judged by the other. Every submission ends with
// exactly one verdict (analytics "verdict" events and the rows), and every watching client
// heard each of its own verdicts through B (published by the workers, fanned out by Redis).

#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "scale_out_support.hpp"
#include "server_process.hpp"
#include "storage_fixture.hpp"
#include "ws_client.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr int kSubmissions = 200;
constexpr int kUsers = 4;
constexpr int kFirstUid = 320000;  // A, B, then the two workers: +1000 each

// The test Redis URL with database 3 (this test's own; flushed first).
std::string redisUrlForThisTest() {
  const char* base = std::getenv("ARENA_TEST_REDIS_URL");
  if (base == nullptr) return {};
  std::string url = base;
  const auto slash = url.find('/', std::string("redis://").size());
  if (slash != std::string::npos) url.resize(slash);
  return url + "/3";
}

void flushRedisDb(const std::string& url) {
  // redis-cli takes the URL as it is (-u), password included.
  const std::string command = "redis-cli -u '" + url + "' FLUSHDB >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "redis-cli FLUSHDB failed";
}

struct Watcher {
  std::string token;
  std::int64_t userId = 0;
  std::unique_ptr<WsClient> socket;
  std::set<std::int64_t> mine;
  std::mutex mutex;
  std::set<std::int64_t> heard;
  std::map<std::int64_t, int> heardCount;
};

class ScaleOutTest : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (std::getenv("ARENA_TEST_REDIS_URL") == nullptr) {
      GTEST_SKIP() << "ARENA_TEST_REDIS_URL is not set (tests/services/redis.sh start)";
    }
    std::string pattern = (fs::temp_directory_path() / "arena-scale-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_root = pattern;
    fs::permissions(m_root, fs::perms::owner_all | fs::perms::group_exec |
                                fs::perms::others_exec);
    m_redis = redisUrlForThisTest();
    flushRedisDb(m_redis);
  }
  void TearDown() override {
    if (HasFailure()) {
      if (m_a) std::cerr << "replica A log:\n" << m_a->logTail() << "\n";
      if (m_b) std::cerr << "replica B log:\n" << m_b->logTail() << "\n";
      for (auto& judge : m_judges) std::cerr << "judge log:\n" << judge->logTail() << "\n";
    }
    m_judges.clear();
    m_a.reset();
    m_b.reset();
    if (!m_root.empty()) {
      std::error_code ec;
      fs::remove_all(m_root, ec);
    }
    StorageTest::TearDown();
  }

  std::unique_ptr<ServerProcess> replica(const std::string& name, int uid) {
    return std::make_unique<ServerProcess>(ServerOptions{
        m_root / name,
        url(),
        0,
        {{"ARENA_REDIS_URL", m_redis},
         {"ARENA_SANDBOX_UID", std::to_string(uid)},
         {"ARENA_RATE_LIMIT", "10000"}}});
  }

  fs::path m_root;
  std::string m_redis;
  std::unique_ptr<ServerProcess> m_a;
  std::unique_ptr<ServerProcess> m_b;
  std::vector<std::unique_ptr<JudgeProcess>> m_judges;
};

TEST_P(ScaleOutTest, TwoReplicasTwoWorkersOneKilledEverySubmissionJudgedOnceAndHeardOnB) {
  const auto began = std::chrono::steady_clock::now();
  m_a = replica("a", kFirstUid);
  ASSERT_TRUE(m_a->start()) << m_a->why();
  // Replicas share the token signing secret (a deployment copies it to each).
  fs::create_directories(m_root / "b" / "secrets");
  fs::permissions(m_root / "b", fs::perms::owner_all | fs::perms::group_exec |
                                    fs::perms::others_exec);
  fs::permissions(m_root / "b" / "secrets", fs::perms::owner_all);
  fs::copy_file(m_root / "a" / "secrets" / "jwt-secret", m_root / "b" / "secrets" / "jwt-secret");
  m_b = replica("b", kFirstUid + 1000);
  ASSERT_TRUE(m_b->start()) << m_b->why();
  for (int i = 0; i < 2; ++i) {
    m_judges.push_back(std::make_unique<JudgeProcess>(JudgeProcessOptions{
        ARENA_JUDGE_BINARY, url(), m_redis, m_root / ("judge" + std::to_string(i)), 2,
        kFirstUid + 2000 + 1000 * i, 3000}));
    ASSERT_TRUE(m_judges.back()->start()) << m_judges.back()->logTail();
  }

  HttpClient onA(m_a->host(), m_a->port());
  const HttpResult login =
      onA.post("/api/auth/login", {{"username", "admin"}, {"password", m_a->adminPassword()}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string admin = login.json().at("access_token");
  const std::int64_t problemId = createBurstProblem(onA, admin, "scale-burst", 3);
  ASSERT_NE(problemId, 0);

  std::vector<std::unique_ptr<Watcher>> watchers;
  for (int u = 0; u < kUsers; ++u) {
    auto watcher = std::make_unique<Watcher>();
    const std::string name = "watcher" + std::to_string(u);
    const HttpResult registered = onA.post(
        "/api/auth/register",
        {{"email", name + "@example.org"}, {"username", name}, {"password", "pass-" + name + "-1"}});
    ASSERT_EQ(registered.status, 201) << registered.body;
    watcher->token = registered.json().at("access_token");
    watcher->userId = registered.json().at("user").at("id");
    watcher->socket = std::make_unique<WsClient>();
    ASSERT_TRUE(watcher->socket->connect(m_b->host(), m_b->port(), watcher->token))
        << watcher->socket->error();
    auto hello = watcher->socket->nextOfType("hello", 5s);
    ASSERT_TRUE(hello.has_value()) << "no hello from B";
    watchers.push_back(std::move(watcher));
  }
  std::atomic<bool> listening{true};
  std::vector<std::thread> readers;
  for (auto& watcher : watchers) {
    readers.emplace_back([&listening, w = watcher.get()] {
      while (listening) {
        auto event = w->socket->next(200ms);
        if (!event) {
          if (w->socket->closed()) return;
          continue;
        }
        if (event->type != "submission.verdict") continue;
        std::lock_guard lock(w->mutex);
        const std::int64_t id = event->data.at("id");
        w->heard.insert(id);
        ++w->heardCount[id];
      }
    });
  }

  std::vector<std::int64_t> ids;
  for (int i = 0; i < kSubmissions; ++i) {
    Watcher& owner = *watchers[static_cast<std::size_t>(i % kUsers)];
    const HttpResult submitted =
        onA.post("/api/submissions",
                 {{"problem_id", problemId},
                  {"language", "cpp17"},
                  {"code", i % 5 == 4 ? kBurstWrongCpp : kBurstCpp}},
                 owner.token);
    ASSERT_EQ(submitted.status, 202) << submitted.body;
    const std::int64_t id = submitted.json().at("id");
    ids.push_back(id);
    std::lock_guard lock(owner.mutex);
    owner.mine.insert(id);
  }

  const auto heardTotal = [&] {
    std::size_t total = 0;
    for (auto& watcher : watchers) {
      std::lock_guard lock(watcher->mutex);
      total += watcher->heard.size();
    }
    return total;
  };
  // Mid-run: a quarter judged, then one worker dies with whatever it holds.
  const auto midRun = std::chrono::steady_clock::now() + 60s;
  while (heardTotal() < kSubmissions / 4 && std::chrono::steady_clock::now() < midRun) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_GE(heardTotal(), static_cast<std::size_t>(kSubmissions / 4)) << "no progress";
  ASSERT_LT(heardTotal(), static_cast<std::size_t>(kSubmissions)) << "too late to kill";
  m_judges[0]->kill();

  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (heardTotal() < kSubmissions && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  listening = false;
  for (auto& reader : readers) reader.join();

  for (auto& watcher : watchers) {
    std::lock_guard lock(watcher->mutex);
    for (std::int64_t id : watcher->mine) {
      EXPECT_TRUE(watcher->heard.contains(id))
          << "user " << watcher->userId << " never heard the verdict of submission " << id;
      // Announced again only when a worker died between recording and announcing (the
      // reclaimed job re-announces); never more than that.
      EXPECT_LE(watcher->heardCount[id], 2) << "submission " << id;
    }
    for (std::int64_t id : watcher->heard) {
      EXPECT_TRUE(watcher->mine.contains(id)) << "heard someone else's verdict " << id;
    }
  }
  const HttpResult analytics = onA.get("/api/analytics/events?type=verdict&limit=1000", admin);
  ASSERT_EQ(analytics.status, 200) << analytics.body;
  const auto verdicts = verdictEventsBySubmission(onA, admin);
  EXPECT_EQ(verdicts.size(), ids.size());
  for (std::int64_t id : ids) {
    const auto found = verdicts.find(id);
    EXPECT_TRUE(found != verdicts.end() && found->second == 1)
        << "submission " << id << ": " << (found == verdicts.end() ? 0 : found->second)
        << " verdict events";
  }
  // The rows agree, read back through the other replica.
  HttpClient onB(m_b->host(), m_b->port());
  int accepted = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string& token = watchers[i % kUsers]->token;
    const HttpResult row = onB.get("/api/submissions/" + std::to_string(ids[i]), token);
    ASSERT_EQ(row.status, 200) << row.body;
    EXPECT_EQ(row.json().value("status", ""), "judged") << row.body;
    accepted += row.json().value("verdict", "") == "AC" ? 1 : 0;
  }
  EXPECT_EQ(accepted, kSubmissions - kSubmissions / 5);
  std::cerr << "scale-out burst of " << kSubmissions << " took "
            << std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now() - began)
                   .count()
            << " ms\n";
}

INSTANTIATE_TEST_SUITE_P(Backends, ScaleOutTest,
                         ::testing::Values(storage::testing::TestBackend::Mysql));

}  // namespace
}  // namespace arena::server::testing
