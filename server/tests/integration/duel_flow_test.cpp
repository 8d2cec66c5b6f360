// A duel through the real arena-server: two players enqueue and collect the same match, hear
// match.started over the WebSocket, one submits an accepted solution, both hear match.finished
// with the rating changes, and the winner's rating history shows the new point.

#include <cstdlib>
#include <filesystem>

#include "server_test.hpp"
#include "ws_client.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class DuelFlowTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    // No sample problems: the one problem created below is the only one a duel can get.
    const std::string empty = ::testing::TempDir() + "/duel-no-samples-" + std::to_string(::getpid());
    std::filesystem::create_directories(empty);
    ::setenv("ARENA_SAMPLES_DIR", empty.c_str(), 1);
    ::setenv("ARENA_SANDBOX_UID", "440000", 1);
    ::setenv("ARENA_DUEL_COUNTDOWN_MS", "300", 1);
    ::setenv("ARENA_DUEL_TIME_LIMIT_MS", "600000", 1);
    startServer(/*judges=*/1);
  }

  std::unique_ptr<WsClient> connect(const Account& who) {
    auto client = std::make_unique<WsClient>();
    EXPECT_TRUE(client->connect(server().host(), server().port(), who.accessToken))
        << client->error();
    auto hello = client->next(10s);
    EXPECT_TRUE(hello && hello->type == "hello");
    return client;
  }

  static std::string subscribe(WsClient& client, const std::string& channel) {
    EXPECT_TRUE(client.send({{"type", "subscribe"}, {"data", {{"channel", channel}}}}));
    for (auto reply = client.next(10s); reply; reply = client.next(10s)) {
      if (reply->type == "subscribed" || reply->type == "error") return reply->type;
    }
    return "timeout";
  }

  // Polls dequeue until the match is made (the server pairs on its own every 500 ms).
  json collect(const Account& who) {
    for (int i = 0; i < 100; ++i) {
      const HttpResult reply = http().post("/api/match/dequeue", json::object(), who.accessToken);
      if (reply.status == 200) return reply.json();
      EXPECT_EQ(reply.status, 202) << reply.body;
      std::this_thread::sleep_for(100ms);  // a poll, as a client would make it
    }
    ADD_FAILURE() << who.username << " was never matched";
    return json::object();
  }
};

TEST_P(DuelFlowTest, FirstAcceptedSolutionWinsAndBothPlayersHearTheResultWithRatings) {
  const Account admin = loginAdmin();
  const HttpResult problem = http().post(
      "/api/problems",
      {{"slug", "duel-echo"}, {"title", "Echo"}, {"difficulty", "medium"},
       {"description", "Print the line you read."},
       {"tests", {{{"input", "7\n"}, {"expected_output", "7\n"}, {"is_public", true}},
                  {{"input", "42\n"}, {"expected_output", "42\n"}, {"is_public", false}}}}},
      admin.accessToken);
  ASSERT_EQ(problem.status, 201) << problem.body;
  const std::int64_t problemId = problem.json().at("id");

  const Account alice = registerUser("alice");
  const Account bob = registerUser("bob");
  const Account eve = registerUser("eve");
  auto aliceLive = connect(alice);
  auto bobLive = connect(bob);
  auto eveLive = connect(eve);

  ASSERT_EQ(http().post("/api/match/enqueue", json::object(), alice.accessToken).status, 200);
  ASSERT_EQ(http().post("/api/match/enqueue", json::object(), bob.accessToken).status, 200);
  const json forAlice = collect(alice);
  const json forBob = collect(bob);
  ASSERT_TRUE(forAlice.contains("match_id"));
  EXPECT_EQ(forAlice.at("match_id"), forBob.at("match_id"));
  EXPECT_EQ(forAlice.at("problem_id"), problemId);
  const std::int64_t matchId = forAlice.at("match_id");
  const std::string channel = "match:" + std::to_string(matchId);

  EXPECT_EQ(subscribe(*aliceLive, channel), "subscribed");
  EXPECT_EQ(subscribe(*bobLive, channel), "subscribed");
  EXPECT_EQ(subscribe(*eveLive, channel), "error") << "not a player";

  // The countdown ends: both hear it on their own channel.
  for (WsClient* live : {aliceLive.get(), bobLive.get()}) {
    auto started = live->nextOfType("match.started", 20s);
    ASSERT_TRUE(started) << "no match.started";
    EXPECT_EQ(started->data.value("match_id", std::int64_t{0}), matchId);
    EXPECT_EQ(started->data.value("problem_id", std::int64_t{0}), problemId);
  }
  const HttpResult view = http().get("/api/matches/" + std::to_string(matchId), alice.accessToken);
  ASSERT_EQ(view.status, 200) << view.body;
  EXPECT_EQ(view.json().at("state"), "active");
  EXPECT_EQ(view.json().at("problem_id"), problemId);
  EXPECT_EQ(http().get("/api/matches/" + std::to_string(matchId), eve.accessToken).status, 404);

  const HttpResult submitted = http().post(
      "/api/submissions",
      {{"problem_id", problemId}, {"language", "python3"}, {"code", "print(input())\n"}},
      alice.accessToken);
  ASSERT_EQ(submitted.status, 202) << submitted.body;

  json aliceResult;
  for (WsClient* live : {aliceLive.get(), bobLive.get()}) {
    auto finished = live->nextOfType("match.finished", 120s);
    ASSERT_TRUE(finished) << "no match.finished";
    EXPECT_EQ(finished->data.value("match_id", std::int64_t{0}), matchId);
    EXPECT_EQ(finished->data.value("winner_id", std::int64_t{0}), alice.id);
    EXPECT_EQ(finished->data.value("reason", ""), "solved");
    ASSERT_EQ(finished->data.at("rating_changes").size(), 2u) << finished->data.dump();
    aliceResult = finished->data;
  }
  const json& aliceChange = aliceResult.at("rating_changes").at(0).at("user_id") == alice.id
                                ? aliceResult.at("rating_changes").at(0)
                                : aliceResult.at("rating_changes").at(1);
  EXPECT_GT(aliceChange.at("delta").get<int>(), 0);

  const HttpResult history =
      http().get("/api/users/" + std::to_string(alice.id) + "/rating-history");
  ASSERT_EQ(history.status, 200) << history.body;
  ASSERT_FALSE(history.json().at("points").empty());
  const json last = history.json().at("points").back();
  EXPECT_EQ(last.at("match_id"), matchId);
  EXPECT_EQ(last.at("rating"), aliceChange.at("rating"));

  const HttpResult finished =
      http().get("/api/matches/" + std::to_string(matchId), bob.accessToken);
  EXPECT_EQ(finished.json().at("state"), "finished");
  EXPECT_EQ(finished.json().at("result").at("winner_id"), alice.id);
  EXPECT_EQ(finished.body.find("print(input())"), std::string::npos) << "never the code";
}

INSTANTIATE_TEST_SUITE_P(Backends, DuelFlowTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::testing
