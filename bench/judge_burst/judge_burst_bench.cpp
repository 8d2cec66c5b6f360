// judge_burst: how the judge pipeline takes a contest-start burst, embedded vs scaled out.
//
// 500 submissions of a fast C++ program to a 10-test problem are posted (4 threads) to a real
// arena-server; each owner watches its verdicts on a WebSocket. Measured per mode:
//   total       first POST -> last verdict heard
//   queue wait  POST answered (202) -> first "submission.progress" (a judge took it), p50/p99
// Modes: embedded = SQLite + in-process queue + 2 judge threads; redis = MariaDB + Redis + an
// arena-server with no judges + 2 arena-judge workers of 1 thread each (the same 2 threads).
// The compile cache is warmed first (the program is compiled once per judge process).
//
//   sudo build/bin/arena-judge-burst-bench [submissions]   (root: the sandbox)
// Needs ARENA_TEST_MYSQL_URL and ARENA_TEST_REDIS_URL for the redis column (skipped without).

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <thread>

#include "scale_out_support.hpp"
#include "server_process.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage/storage.hpp"
#include "ws_client.hpp"

namespace {

using namespace arena::server;
using namespace arena::server::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kUsers = 10;

struct Figures {
  bool ran = false;
  std::string why;
  double totalMs = 0;
  double waitP50 = 0;
  double waitP99 = 0;
  int verdicts = 0;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

struct Watch {
  std::mutex mutex;
  std::map<std::int64_t, Clock::time_point> firstProgress;
  std::map<std::int64_t, Clock::time_point> verdict;
};

Figures runBurst(const std::string& host, int port, const std::string& adminPassword,
                 int submissions) {
  Figures figures;
  HttpClient http(host, port);
  const HttpResult login =
      http.post("/api/auth/login", {{"username", "admin"}, {"password", adminPassword}});
  if (login.status != 200) return {false, "admin login: " + login.body};
  const std::string admin = login.json().at("access_token");
  const std::int64_t problem = createBurstProblem(http, admin, "burst", 10);
  if (problem == 0) return {false, "problem not created"};

  std::vector<std::string> tokens;
  std::vector<std::unique_ptr<WsClient>> sockets;
  for (int u = 0; u < kUsers; ++u) {
    const std::string name = "bench" + std::to_string(u);
    const HttpResult registered = http.post(
        "/api/auth/register",
        {{"email", name + "@example.org"}, {"username", name}, {"password", "pass-" + name + "-1"}});
    if (registered.status != 201) return {false, "register: " + registered.body};
    tokens.push_back(registered.json().at("access_token"));
    sockets.push_back(std::make_unique<WsClient>());
    if (!sockets.back()->connect(host, port, tokens.back())) {
      return {false, "websocket: " + sockets.back()->error()};
    }
    sockets.back()->nextOfType("hello", 5s);
  }
  Watch watch;
  std::atomic<bool> listening{true};
  std::vector<std::thread> readers;
  for (auto& socket : sockets) {
    readers.emplace_back([&, s = socket.get()] {
      while (listening) {
        auto event = s->next(100ms);
        if (!event) {
          if (s->closed()) return;
          continue;
        }
        const auto now = Clock::now();
        const std::int64_t id = event->data.value("id", std::int64_t{0});
        std::lock_guard lock(watch.mutex);
        if (event->type == "submission.progress") watch.firstProgress.emplace(id, now);
        if (event->type == "submission.verdict") watch.verdict.emplace(id, now);
      }
    });
  }
  const auto verdictsHeard = [&] {
    std::lock_guard lock(watch.mutex);
    return watch.verdict.size();
  };
  const auto submit = [&](HttpClient& client, int i, std::map<std::int64_t, Clock::time_point>& at) {
    const HttpResult reply = client.post(
        "/api/submissions",
        {{"problem_id", problem}, {"language", "cpp17"}, {"code", kBurstCpp}},
        tokens[static_cast<std::size_t>(i % kUsers)]);
    if (reply.status == 202) at[reply.json().at("id").get<std::int64_t>()] = Clock::now();
    return reply.status == 202;
  };

  // Warm-up: every judge process compiles the program once.
  std::map<std::int64_t, Clock::time_point> warm;
  for (int i = 0; i < 4; ++i) submit(http, i, warm);
  const auto warmDeadline = Clock::now() + 120s;
  while (verdictsHeard() < warm.size() && Clock::now() < warmDeadline) std::this_thread::sleep_for(20ms);
  if (verdictsHeard() < warm.size()) return {false, "warm-up was not judged"};

  std::vector<std::map<std::int64_t, Clock::time_point>> posted(4);
  std::atomic<int> failures{0};
  const auto began = Clock::now();
  std::vector<std::thread> posters;
  for (int t = 0; t < 4; ++t) {
    posters.emplace_back([&, t] {
      HttpClient client(host, port);
      for (int i = t; i < submissions; i += 4) {
        if (!submit(client, i, posted[static_cast<std::size_t>(t)])) ++failures;
      }
    });
  }
  for (auto& poster : posters) poster.join();
  if (failures > 0) return {false, std::to_string(failures.load()) + " submissions refused"};
  const std::size_t expected = warm.size() + static_cast<std::size_t>(submissions);
  const auto deadline = Clock::now() + 600s;
  while (verdictsHeard() < expected && Clock::now() < deadline) std::this_thread::sleep_for(10ms);
  listening = false;
  for (auto& reader : readers) reader.join();

  std::vector<double> waits;
  Clock::time_point last = began;
  std::lock_guard lock(watch.mutex);
  for (const auto& byThread : posted) {
    for (const auto& [id, at] : byThread) {
      const auto progress = watch.firstProgress.find(id);
      if (progress != watch.firstProgress.end()) {
        waits.push_back(std::chrono::duration<double, std::milli>(progress->second - at).count());
      }
      const auto verdict = watch.verdict.find(id);
      if (verdict != watch.verdict.end()) {
        last = std::max(last, verdict->second);
        ++figures.verdicts;
      }
    }
  }
  figures.ran = true;
  figures.totalMs = std::chrono::duration<double, std::milli>(last - began).count();
  figures.waitP50 = percentile(waits, 0.50);
  figures.waitP99 = percentile(waits, 0.99);
  return figures;
}

fs::path makeRoot() {
  std::string pattern = (fs::temp_directory_path() / "arena-burst-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return {};
  fs::permissions(pattern, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  return pattern;
}

Figures embedded(int submissions) {
  const fs::path root = makeRoot();
  ServerProcess server(ServerOptions{
      root / "data", {}, 2, {{"ARENA_SANDBOX_UID", "325000"}, {"ARENA_RATE_LIMIT", "100000"}}});
  if (!server.start()) return {false, server.why()};
  Figures figures = runBurst(server.host(), server.port(), server.adminPassword(), submissions);
  server.stop();
  std::error_code ec;
  fs::remove_all(root, ec);
  return figures;
}

// A fresh MariaDB database next to the one ARENA_TEST_MYSQL_URL names.
std::string freshMysqlDatabase(std::unique_ptr<storage::Storage>& admin) {
  const std::string base = std::getenv("ARENA_TEST_MYSQL_URL");
  auto opened = storage::Storage::open(base);
  if (!opened) return {};
  admin = std::move(*opened);
  const std::string name = "arena_test_bench_" + std::to_string(::getpid());
  auto created = admin->database().exclusive([&](storage::sql::SqlSession& session) {
    return session.executeScript("DROP DATABASE IF EXISTS " + name + "; CREATE DATABASE " + name +
                                 " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  });
  if (!created) return {};
  return base.substr(0, base.rfind('/') + 1) + name;
}

Figures scaledOut(int submissions) {
  if (std::getenv("ARENA_TEST_MYSQL_URL") == nullptr ||
      std::getenv("ARENA_TEST_REDIS_URL") == nullptr) {
    return {false, "ARENA_TEST_MYSQL_URL / ARENA_TEST_REDIS_URL not set"};
  }
  std::string redis = std::getenv("ARENA_TEST_REDIS_URL");
  redis = redis.substr(0, redis.find('/', 8)) + "/4";  // the bench's own database
  const int flushed = std::system(("redis-cli -u '" + redis + "' FLUSHDB >/dev/null 2>&1").c_str());
  if (flushed != 0) return {false, "redis-cli FLUSHDB failed"};
  std::unique_ptr<storage::Storage> admin;
  const std::string db = freshMysqlDatabase(admin);
  if (db.empty()) return {false, "could not create a MariaDB database"};
  const fs::path root = makeRoot();
  Figures figures;
  {
    ServerProcess server(ServerOptions{root / "server",
                                       db,
                                       0,
                                       {{"ARENA_REDIS_URL", redis},
                                        {"ARENA_SANDBOX_UID", "326000"},
                                        {"ARENA_RATE_LIMIT", "100000"}}});
    if (!server.start()) return {false, server.why()};
    std::vector<std::unique_ptr<JudgeProcess>> judges;
    for (int i = 0; i < 2; ++i) {
      judges.push_back(std::make_unique<JudgeProcess>(JudgeProcessOptions{
          ARENA_JUDGE_BINARY, db, redis, root / ("judge" + std::to_string(i)), 1,
          327000 + 1000 * i, 60000}));
      if (!judges.back()->start()) return {false, "arena-judge: " + judges.back()->logTail()};
    }
    figures = runBurst(server.host(), server.port(), server.adminPassword(), submissions);
    for (auto& judge : judges) judge->stop();
    server.stop();
  }
  auto dropped = admin->database().exclusive([&](storage::sql::SqlSession& session) {
    return session.executeScript("DROP DATABASE IF EXISTS " + db.substr(db.rfind('/') + 1));
  });
  if (!dropped) std::fprintf(stderr, "drop database: %s\n", dropped.error().message.c_str());
  std::error_code ec;
  fs::remove_all(root, ec);
  return figures;
}

void printRow(const char* name, const Figures& a, const Figures& b, double Figures::*field) {
  const double x = a.*field;
  const double y = b.*field;
  std::printf("%-22s %12.0f %12.0f %10.2f\n", name, x, y, x > 0 ? y / x : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  const int submissions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 500;
  std::printf("judge_burst: %d submissions, 10 tests each, C++ (a+b), 2 judge threads per mode\n",
              submissions);
  const Figures a = embedded(submissions);
  if (!a.ran) std::printf("embedded: not run: %s\n", a.why.c_str());
  const Figures b = scaledOut(submissions);
  if (!b.ran) std::printf("redis: not run: %s\n", b.why.c_str());
  std::printf("\n%-22s %12s %12s %10s\n", "", "embedded", "redis+2w", "ratio");
  printRow("last verdict (ms)", a, b, &Figures::totalMs);
  printRow("queue wait p50 (ms)", a, b, &Figures::waitP50);
  printRow("queue wait p99 (ms)", a, b, &Figures::waitP99);
  std::printf("%-22s %12d %12d\n", "verdicts heard", a.verdicts, b.verdicts);
  return a.ran && b.ran ? 0 : 1;
}
