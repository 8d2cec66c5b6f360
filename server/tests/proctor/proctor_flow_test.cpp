// The proctor's tools against a real arena-server (SQLite and MariaDB): 30 accounts from a CSV
// with one logging in on its generated password, a rejudge producing a fresh verdict event, a
// clarification answered to all reaching another contestant live, and the status page.

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "arena/core/timestamp.hpp"

#include "server_test.hpp"
#include "ws_client.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;

class ProctorFlowTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ::setenv("ARENA_SANDBOX_UID", "420000", 1);
    startServer(/*judges=*/1);
    admin = loginAdmin();
  }

  std::int64_t problemId(const std::string& slug) {
    const HttpResult reply = http().get("/api/problems/" + slug);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  std::unique_ptr<WsClient> connect(const Account& who) {
    auto client = std::make_unique<WsClient>();
    EXPECT_TRUE(client->connect(server().host(), server().port(), who.accessToken))
        << client->error() << " " << client->body();
    auto hello = client->next(10s);
    EXPECT_TRUE(hello && hello->type == "hello");
    return client;
  }

  static void subscribe(WsClient& client, const std::string& channel) {
    ASSERT_TRUE(client.send({{"type", "subscribe"}, {"data", {{"channel", channel}}}}));
    auto reply = client.nextOfType("subscribed", 10s);
    ASSERT_TRUE(reply) << "no subscription to " << channel;
    EXPECT_EQ(reply->data.value("channel", ""), channel);
  }

  Account admin;
};

TEST_P(ProctorFlowTest, ThirtyImportedAccountsGetPasswordsTheyCanLogInWith) {
  std::string csv = "\xEF\xBB\xBFusername,team,email\r\n";
  for (int i = 1; i <= 30; ++i) {
    csv += "team" + std::to_string(i) + ",\"Team " + std::to_string(i) + ", Lab A\",\r\n";
  }
  const auto started = std::chrono::steady_clock::now();
  const HttpResult reply = http().request("POST", "/api/admin/accounts/import", csv,
                                          admin.accessToken, "text/csv");
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  ASSERT_EQ(reply.status, 201) << reply.body;
  std::cout << "[ measure  ] 30 accounts imported (argon2id, interactive cost) in "
            << took.count() << " ms\n";
  const auto body = reply.json();
  ASSERT_EQ(body["count"], 30);
  const auto& account = body["accounts"][17];
  EXPECT_EQ(account["username"], "team18");
  EXPECT_EQ(account["display_name"], "Team 18, Lab A");

  const HttpResult login = http().post(
      "/api/auth/login", {{"username", account["username"]}, {"password", account["password"]}});
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json()["user"]["role"], "contestant");
  const HttpResult wrong = http().post(
      "/api/auth/login",
      {{"username", "team18"}, {"password", body["accounts"][16]["password"]}});
  EXPECT_EQ(wrong.status, 401);

  // The same file again: every name is taken now, nothing changes, the line is named.
  const HttpResult again = http().request("POST", "/api/admin/accounts/import", csv,
                                          admin.accessToken, "text/csv");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"]["message"], "line 2: username 'team1' is already taken");
}

TEST_P(ProctorFlowTest, RejudgingAJudgedSubmissionSendsAFreshVerdictEvent) {
  const Account ann = registerUser("ann");
  const HttpResult submitted = http().post(
      "/api/submissions",
      {{"problem_id", problemId("sum-of-two")}, {"language", "python"}, {"code", kSumPython}},
      ann.accessToken);
  ASSERT_EQ(submitted.status, 202) << submitted.body;
  const std::int64_t id = submitted.json()["id"];
  const auto first = waitJudged(id, ann.accessToken);
  ASSERT_FALSE(first.is_null());
  ASSERT_EQ(first["verdict"], "AC");

  auto live = connect(ann);
  const HttpResult rejudged =
      http().request("POST", "/api/submissions/" + std::to_string(id) + "/rejudge", {},
                     admin.accessToken);
  ASSERT_EQ(rejudged.status, 202) << rejudged.body;
  EXPECT_EQ(rejudged.json()["rejudged"], 1);

  auto verdict = live->nextOfType("submission.verdict", 90s);
  ASSERT_TRUE(verdict) << "no verdict event after the rejudge";
  EXPECT_EQ(verdict->data["id"], id);
  EXPECT_EQ(verdict->data["verdict"], "AC");
  const auto again = waitJudged(id, ann.accessToken);
  ASSERT_FALSE(again.is_null());
  EXPECT_EQ(again["verdict"], "AC");

  EXPECT_EQ(http().request("POST", "/api/submissions/" + std::to_string(id) + "/rejudge", {},
                           ann.accessToken)
                .status,
            403);
  const HttpResult all =
      http().request("POST", "/api/problems/sum-of-two/rejudge", {}, admin.accessToken);
  EXPECT_EQ(all.status, 202);
  EXPECT_EQ(all.json()["rejudged"], 1);
}

TEST_P(ProctorFlowTest, AnAnswerToAllReachesTheOtherContestantLive) {
  const Account ann = registerUser("ann");
  const Account bob = registerUser("bob");
  const std::int64_t problem = problemId("sum-of-two");
  const HttpResult contest = http().post(
      "/api/contests",
      {{"name", "Lab finals"},
       {"starts_at", formatTimestamp(std::chrono::time_point_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now()) - std::chrono::minutes(1))},
       {"duration_seconds", 5 * 3600},
       {"rules", "icpc"},
       {"problems", {{{"problem_id", problem}, {"label", "A"}}}}},
      admin.accessToken);
  ASSERT_EQ(contest.status, 201) << contest.body;
  const std::int64_t contestId = contest.json()["id"];
  const std::string base = "/api/contests/" + std::to_string(contestId);
  const HttpResult joined = http().post(base + "/participants", {{"users", {ann.id, bob.id}}},
                                        admin.accessToken);
  ASSERT_LT(joined.status, 300) << joined.body;

  auto jury = connect(admin);
  subscribe(*jury, "contest:" + std::to_string(contestId) + ":jury");
  auto bobLive = connect(bob);
  subscribe(*bobLive, "contest:" + std::to_string(contestId));

  const HttpResult asked = http().post(
      base + "/clarifications", {{"question", "May n be zero?"}, {"problem_id", problem}},
      ann.accessToken);
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::int64_t clarificationId = asked.json()["id"];
  auto arrived = jury->nextOfType("clarification.new", 10s);
  ASSERT_TRUE(arrived);
  EXPECT_EQ(arrived->data["question"], "May n be zero?");
  EXPECT_EQ(arrived->data["from_user_id"], ann.id);

  const HttpResult answered =
      http().post("/api/clarifications/" + std::to_string(clarificationId) + "/answer",
                  {{"answer", "No: 1 <= n."}, {"to_all", true}}, admin.accessToken);
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto heard = bobLive->nextOfType("clarification.answered", 10s);
  ASSERT_TRUE(heard) << "bob did not hear the answer to all";
  EXPECT_EQ(heard->data["id"], clarificationId);
  EXPECT_EQ(heard->data["answer"], "No: 1 <= n.");
  EXPECT_TRUE(heard->data["from_user_id"].is_null()) << "the asker stays anonymous";

  ASSERT_EQ(http().post(base + "/announcements", {{"text", "Thirty minutes left."}},
                        admin.accessToken)
                .status,
            201);
  auto announcement = bobLive->nextOfType("announcement", 10s);
  ASSERT_TRUE(announcement);
  EXPECT_EQ(announcement->data["answer"], "Thirty minutes left.");

  const HttpResult list = http().get(base + "/clarifications", bob.accessToken);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["clarifications"].size(), 2u);
}

TEST_P(ProctorFlowTest, StatusShowsJudgesAndConnectedClients) {
  auto live = connect(admin);
  const HttpResult reply = http().get("/api/admin/status", admin.accessToken);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto body = reply.json();
  EXPECT_EQ(body["judges"]["configured"], 1);
  EXPECT_EQ(body["live_clients"], 1);
  EXPECT_TRUE(body["queue_depth"].is_number_unsigned());
  EXPECT_FALSE(body["version"].get<std::string>().empty());
  EXPECT_TRUE(parseTimestamp(body["server_time"].get<std::string>()).has_value());
}

ARENA_STORAGE_BACKENDS(ProctorFlowTest);

}  // namespace
}  // namespace arena::server::testing
