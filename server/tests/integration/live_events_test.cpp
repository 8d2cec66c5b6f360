// The live channel against a real arena-server: /api/ws authentication, the events of a judged
// submission reaching its owner (and proctors on "submissions") but nobody else, a client that
// stops reading being dropped without slowing the others, and the heartbeat closing a peer that
// no longer answers.

#include <cstdlib>
#include <set>
#include <sstream>
#include <thread>

#include "server_test.hpp"
#include "ws_client.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;

class LiveEventsTest : public ServerTest {
 protected:
  // Live settings go to the server through its environment (the child inherits ours).
  void startWith(std::map<std::string, std::string> env) {
    env.emplace("ARENA_SANDBOX_UID", "340000");
    for (const char* name : {"ARENA_WS_HEARTBEAT_MS", "ARENA_WS_QUEUE", "ARENA_WS_SEND_BUFFER"}) {
      ::unsetenv(name);
    }
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    startServer(/*judges=*/1);
  }

  std::int64_t problemId(const std::string& slug) {
    const HttpResult reply = http().get("/api/problems/" + slug);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  std::int64_t submit(const Account& who, std::int64_t problem, const std::string& language,
                      const std::string& code) {
    const HttpResult reply = http().post(
        "/api/submissions", {{"problem_id", problem}, {"language", language}, {"code", code}},
        who.accessToken);
    EXPECT_EQ(reply.status, 202) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  std::unique_ptr<WsClient> connect(const Account& who, WsClientOptions options = {}) {
    auto client = std::make_unique<WsClient>(options);
    EXPECT_TRUE(client->connect(server().host(), server().port(), who.accessToken))
        << client->error() << " " << client->body();
    auto hello = client->next(10s);
    EXPECT_TRUE(hello && hello->type == "hello");
    return client;
  }

  static void subscribe(WsClient& client, const std::string& channel, const std::string& expect) {
    ASSERT_TRUE(client.send({{"type", "subscribe"}, {"data", {{"channel", channel}}}}));
    auto reply = client.next(10s);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->type, expect) << reply->data.dump();
  }

  double metric(const std::string& series) {
    std::istringstream lines(http().get("/metrics").body);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.starts_with(series + " ")) return std::atof(line.c_str() + series.size() + 1);
    }
    return 0;
  }

  // The series once it reads `want`, or after `limit` whatever it reads then: a peer sees its
  // connection closed a moment before the server's reactor has counted it gone.
  double metricSettling(const std::string& series, double want,
                        std::chrono::milliseconds limit = 2s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    double value = metric(series);
    while (value != want && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(10ms);
      value = metric(series);
    }
    return value;
  }
};

TEST_P(LiveEventsTest, ABadOrMissingTokenIs401InTheErrorShapeBeforeAnyUpgrade) {
  startWith({});
  const Account alice = registerUser("alice");

  for (const std::string& token : {std::string("not-a-jwt"), std::string(),
                                  alice.accessToken.substr(0, alice.accessToken.size() - 2)}) {
    WsClient client;
    EXPECT_FALSE(client.connect(server().host(), server().port(), token));
    EXPECT_EQ(client.status(), 401) << token;
    EXPECT_EQ(nlohmann::json::parse(client.body(), nullptr, false)
                  .value("error", nlohmann::json::object())
                  .value("status", 0),
              401)
        << client.body();
  }

  WsClient bearer({.tokenInQuery = false});
  ASSERT_TRUE(bearer.connect(server().host(), server().port(), alice.accessToken))
      << bearer.error();
  auto hello = bearer.next(10s);
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->type, "hello");
  EXPECT_EQ(hello->data.value("user_id", std::int64_t{0}), alice.id);
  EXPECT_EQ(hello->data.value("role", ""), "contestant");
  EXPECT_EQ(hello->data.value("heartbeat_ms", 0), 15000);

  // The token never reaches the request log.
  EXPECT_EQ(server().logTail(200000).find(alice.accessToken.substr(alice.accessToken.size() - 20)),
            std::string::npos);
}

TEST_P(LiveEventsTest, OwnerSeesProgressTestsAndVerdictsAnotherUserDoesNotAProctorSeesAll) {
  startWith({});
  const Account admin = loginAdmin();
  const Account alice = registerUser("alice");
  const Account bob = registerUser("bob");
  const std::int64_t problem = problemId("sum-of-two");

  auto aliceLive = connect(alice);
  auto bobLive = connect(bob);
  auto proctorLive = connect(admin);
  subscribe(*aliceLive, "leaderboard", "subscribed");
  subscribe(*bobLive, "submissions", "error");  // contestants may not
  subscribe(*proctorLive, "submissions", "subscribed");

  const std::int64_t right = submit(alice, problem, "cpp17", kSumCpp);
  const std::int64_t wrong = submit(alice, problem, "python3", kWrongPython);

  // Alice: progress (compiling with test 0, then running), one submission.test per test run,
  // both verdicts, and a leaderboard change after the accepted one.
  std::map<std::int64_t, std::string> verdicts;
  std::map<std::int64_t, std::set<int>> testsSeen;
  std::set<std::string> stages;
  bool leaderboardChanged = false;
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  while ((verdicts.size() < 2 || !leaderboardChanged) && std::chrono::steady_clock::now() < deadline) {
    auto event = aliceLive->next(5s);
    if (!event) continue;
    const std::int64_t id = event->data.value("id", std::int64_t{0});
    if (event->type == "submission.progress") {
      const std::string stage = event->data.value("stage", "");
      stages.insert(stage);
      if (stage == "compiling") {
        EXPECT_EQ(event->data.value("test", -1), 0);
      }
      EXPECT_EQ(event->data.value("problem_id", std::int64_t{0}), problem);
    } else if (event->type == "submission.test") {
      testsSeen[id].insert(event->data.value("test", 0));
      EXPECT_GT(event->data.value("total", 0), 0);
      EXPECT_TRUE(event->data.contains("verdict") && event->data.contains("time_ms") &&
                  event->data.contains("memory_kb"));
    } else if (event->type == "submission.verdict") {
      EXPECT_EQ(event->data.value("user_id", std::int64_t{0}), alice.id);
      verdicts[id] = event->data.value("verdict", "");
    } else if (event->type == "leaderboard.changed") {
      leaderboardChanged = true;
    }
  }
  EXPECT_EQ(verdicts[right], "AC");
  EXPECT_EQ(verdicts[wrong], "WA");
  EXPECT_TRUE(stages.contains("compiling"));
  EXPECT_TRUE(stages.contains("running"));
  EXPECT_GE(testsSeen[right].size(), 2u);
  EXPECT_TRUE(testsSeen[right].contains(1));
  EXPECT_TRUE(leaderboardChanged);
  // The final state is the same over REST.
  EXPECT_EQ(waitJudged(right, alice.accessToken).value("verdict", ""), "AC");

  // The proctor on "submissions" saw both verdicts.
  std::set<std::int64_t> proctorVerdicts;
  while (proctorVerdicts.size() < 2) {
    auto event = proctorLive->nextOfType("submission.verdict", 30s);
    ASSERT_TRUE(event) << "the proctor missed a verdict";
    proctorVerdicts.insert(event->data.value("id", std::int64_t{0}));
  }
  EXPECT_EQ(proctorVerdicts, (std::set<std::int64_t>{right, wrong}));

  // Bob heard nothing about Alice's submissions.
  while (auto event = bobLive->next(1s)) {
    EXPECT_FALSE(event->type.starts_with("submission.")) << event->type << " leaked to bob";
  }
  EXPECT_FALSE(bobLive->closed());
}

TEST_P(LiveEventsTest, AClientThatStopsReadingIsDroppedAndTheOthersKeepReceiving) {
  // Small queues and socket buffers, so a stalled reader overflows within a few submissions.
  startWith({{"ARENA_WS_QUEUE", "8"}, {"ARENA_WS_SEND_BUFFER", "4096"}});
  const Account admin = loginAdmin();
  const Account alice = registerUser("alice");
  const std::int64_t problem = problemId("sum-of-two");

  auto stalled = connect(admin, {.receiveBufferBytes = 2048});
  subscribe(*stalled, "submissions", "subscribed");
  auto reader = connect(admin);
  subscribe(*reader, "submissions", "subscribed");

  // From here on `stalled` never reads, while every submission's ~24 events go to both.
  std::set<std::int64_t> submitted;
  for (int i = 0; i < 8; ++i) submitted.insert(submit(alice, problem, "cpp17", kSumCpp));
  std::set<std::int64_t> seen;
  while (seen.size() < submitted.size()) {
    auto event = reader->nextOfType("submission.verdict", 60s);
    ASSERT_TRUE(event) << "the reading client stopped receiving after " << seen.size();
    seen.insert(event->data.value("id", std::int64_t{0}));
  }
  EXPECT_EQ(seen, submitted);
  EXPECT_FALSE(reader->closed());
  EXPECT_GE(metric("arena_ws_dropped_total{reason=\"slow\"}"), 1);

  // The stalled client finds its connection closed once it reads again.
  EXPECT_TRUE(stalled->waitClosed(10s));
  EXPECT_EQ(metricSettling("arena_ws_clients", 1), 1);
}

TEST_P(LiveEventsTest, TheHeartbeatClosesAPeerThatStoppedAnsweringAndKeepsOneThatAnswers) {
  startWith({{"ARENA_WS_HEARTBEAT_MS", "200"}});
  const Account alice = registerUser("alice");

  WsClient silent({.autoPong = false});
  ASSERT_TRUE(silent.connect(server().host(), server().port(), alice.accessToken));
  auto hello = silent.next(5s);
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->data.value("heartbeat_ms", 0), 200);
  auto answering = connect(alice);

  // Three silent heartbeats (600 ms) close the silent one; the answering one, read in turn so
  // it answers every ping, stays.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!silent.closed() && std::chrono::steady_clock::now() < deadline) {
    silent.next(50ms);
    answering->next(50ms);
  }
  EXPECT_TRUE(silent.closed());
  const auto until = std::chrono::steady_clock::now() + 1500ms;
  while (std::chrono::steady_clock::now() < until) answering->next(100ms);
  EXPECT_FALSE(answering->closed());
  EXPECT_GE(metric("arena_ws_dropped_total{reason=\"silent\"}"), 1);
  EXPECT_EQ(metricSettling("arena_ws_clients", 1), 1);
}

// One backend is enough: the live channel does not touch the database.
INSTANTIATE_TEST_SUITE_P(Backends, LiveEventsTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::testing
