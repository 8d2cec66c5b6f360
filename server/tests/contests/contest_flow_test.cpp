// One contest end to end through a real arena-server: a proctor creates an ICPC contest with two
// problems and three participants (a team of two and a team of one), contestants submit and are
// judged for real, the board freezes (seconds after the start), the public and jury boards
// differ exactly by the verdicts made after the freeze, the live channel carries the changed rows,
// unfreeze reveals the truth, and the exported CSV is the final board.
//
// Sandbox uid range 400000 (ARENA_SANDBOX_UID for the server this test starts).

#include <chrono>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "arena/core/timestamp.hpp"
#include "server_test.hpp"
#include "ws_client.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class ContestFlowTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ::setenv("ARENA_SANDBOX_UID", "400000", 1);
    startServer(/*judges=*/2);
    m_admin = loginAdmin();
  }

  std::int64_t problemId(const std::string& slug) {
    const HttpResult reply = http().get("/api/problems/" + slug);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  HttpResult submit(const Account& who, std::int64_t contest, std::int64_t problem,
                    const std::string& code) {
    return http().post("/api/submissions",
                       {{"problem_id", problem},
                        {"language", "python3"},
                        {"code", code},
                        {"contest_id", contest}},
                       who.accessToken);
  }
  std::int64_t submitOk(const Account& who, std::int64_t contest, std::int64_t problem,
                        const std::string& code) {
    const HttpResult reply = submit(who, contest, problem, code);
    EXPECT_EQ(reply.status, 202) << reply.body;
    EXPECT_EQ(reply.json().value("contest_id", std::int64_t{0}), contest);
    return reply.json().value("id", std::int64_t{0});
  }

  json contestState(std::int64_t id) {
    return http().get("/api/contests/" + std::to_string(id), m_admin.accessToken).json();
  }
  // Waits for the server's clock to reach the freeze: a condition, polled.
  bool waitForState(std::int64_t id, const std::string& state, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (contestState(id).value("state", "") == state) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }
  json board(std::int64_t id, const std::string& token, const std::string& query = "") {
    const HttpResult reply =
        http().get("/api/contests/" + std::to_string(id) + "/scoreboard" + query, token);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }
  static const json& rowOf(const json& board, std::int64_t team) {
    for (const auto& row : board.at("rows"))
      if (row.at("team_id") == team) return row;
    static const json none;
    ADD_FAILURE() << "team " << team << " is not on the board";
    return none;
  }

  Account m_admin;
};

TEST_P(ContestFlowTest, AContestRunsFreezesRevealsAndExports) {
  const auto sum = problemId("sum-of-two");
  const auto other = problemId("max-subarray");
  const auto outside = problemId("reverse-words");
  const Account ann = registerUser("ann");
  const Account ben = registerUser("ben");
  const Account cat = registerUser("cat");
  const Account dan = registerUser("dan");  // not a participant

  // Started a second ago; the board freezes 12 s after the start (time for the first three
  // submissions even on a loaded machine).
  const auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const json body = {{"name", "Loopback Cup"},
                     {"starts_at", formatTimestamp(now - 1s)},
                     {"duration_seconds", 3600},
                     {"freeze_after_seconds", 12},
                     {"rules", "icpc"},
                     {"visibility", "public"},
                     {"problems",
                      {{{"problem_id", sum}, {"label", "A"}, {"color", "#ff0000"}},
                       {{"problem_id", other}, {"label", "B"}, {"color", "#0000ff"}}}}};
  const HttpResult created = http().post("/api/contests", body, m_admin.accessToken);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto contest = created.json().at("id").get<std::int64_t>();
  const std::string base = "/api/contests/" + std::to_string(contest);
  const HttpResult added = http().post(
      base + "/participants",
      {{"users", {cat.id}}, {"teams", {{{"name", "Ann & Ben"}, {"user_ids", {ann.id, ben.id}}}}}},
      m_admin.accessToken);
  ASSERT_EQ(added.status, 200) << added.body;
  const auto teams = added.json().at("teams");
  ASSERT_EQ(teams.size(), 2u);
  const auto catTeam = teams[0].at("id").get<std::int64_t>();
  const auto pairTeam = teams[1].at("id").get<std::int64_t>();

  // Refusals: outsiders, problems outside the contest, contest ids that do not exist.
  EXPECT_EQ(submit(dan, contest, sum, kSumPython).status, 403);
  EXPECT_EQ(submit(cat, contest, outside, kSumPython).status, 400);
  EXPECT_EQ(submit(cat, contest + 1000, sum, kSumPython).status, 404);

  // Before the freeze: the pair solves A after one wrong try; cat gets A wrong.
  std::vector<std::int64_t> ids;
  ids.push_back(submitOk(ben, contest, sum, kWrongPython));
  ids.push_back(submitOk(ann, contest, sum, kSumPython));
  ids.push_back(submitOk(cat, contest, sum, kWrongPython));
  ASSERT_EQ(contestState(contest).value("state", ""), "running")
      << "the machine was too slow to submit before the freeze";

  auto watcher = std::make_unique<WsClient>();
  ASSERT_TRUE(watcher->connect(server().host(), server().port(), cat.accessToken));
  ASSERT_TRUE(watcher->nextOfType("hello", 10s));
  ASSERT_TRUE(watcher->send({{"type", "subscribe"}, {"data", {{"channel", "contest:" + std::to_string(contest)}}}}));
  auto subscribed = watcher->nextOfType("subscribed", 10s);
  ASSERT_TRUE(subscribed);
  ASSERT_TRUE(watcher->send(
      {{"type", "subscribe"}, {"data", {{"channel", "contest:" + std::to_string(contest) + ":jury"}}}}));
  auto refused = watcher->nextOfType("error", 10s);
  EXPECT_TRUE(refused) << "the jury board is for proctors";

  ASSERT_TRUE(waitForState(contest, "frozen", 30s));
  // After the freeze: cat solves A, the pair gets B wrong.
  ids.push_back(submitOk(cat, contest, sum, kSumPython));
  ids.push_back(submitOk(ben, contest, other, kWrongPython));
  for (const auto id : ids) {
    const json judged = waitJudged(id, m_admin.accessToken);
    ASSERT_FALSE(judged.is_null()) << "submission " << id << " was not judged";
  }
  // The live channel carried the public rows (cat's pending cell at least).
  auto live = watcher->nextOfType("contest.scoreboard", 20s);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->data.at("contest_id"), contest);
  EXPECT_EQ(live->data.at("view"), "public");

  // The public board hides what happened after the freeze; the jury board does not.
  const json open = board(contest, cat.accessToken);
  EXPECT_TRUE(open.at("frozen").get<bool>());
  EXPECT_EQ(rowOf(open, pairTeam).at("rank"), 1);
  EXPECT_EQ(rowOf(open, pairTeam).at("score").at("num_solved"), 1);
  EXPECT_EQ(rowOf(open, pairTeam).at("problems")[0].at("num_judged"), 2);
  EXPECT_EQ(rowOf(open, pairTeam).at("problems")[1].at("num_pending"), 1);
  EXPECT_EQ(rowOf(open, catTeam).at("score").at("num_solved"), 0);
  EXPECT_EQ(rowOf(open, catTeam).at("problems")[0].at("num_pending"), 1);
  EXPECT_EQ(rowOf(open, catTeam).at("problems")[0].at("num_judged"), 1);

  EXPECT_EQ(http().get(base + "/scoreboard?view=jury", cat.accessToken).status, 403);
  const json jury = board(contest, m_admin.accessToken, "?view=jury");
  EXPECT_FALSE(jury.at("frozen").get<bool>());
  EXPECT_EQ(rowOf(jury, catTeam).at("score").at("num_solved"), 1);
  EXPECT_TRUE(rowOf(jury, catTeam).at("problems")[0].at("solved").get<bool>());
  EXPECT_EQ(rowOf(jury, pairTeam).at("problems")[1].at("num_judged"), 1);
  EXPECT_EQ(rowOf(jury, pairTeam).at("problems")[1].at("num_pending"), 0);
  // Both solved A in minute 0 after one wrong try each: 20 minutes each, a shared first place.
  EXPECT_EQ(rowOf(jury, catTeam).at("rank"), 1);
  EXPECT_EQ(rowOf(jury, pairTeam).at("rank"), 1);
  EXPECT_EQ(rowOf(jury, catTeam).at("score").at("total_time"), 20);
  EXPECT_EQ(rowOf(jury, pairTeam).at("score").at("total_time"), 20);

  // Unfreeze reveals: the public board becomes the jury board.
  const HttpResult unfrozen = http().post(base + "/unfreeze", json::object(), m_admin.accessToken);
  ASSERT_EQ(unfrozen.status, 200) << unfrozen.body;
  EXPECT_EQ(unfrozen.json().at("state"), "unfrozen");
  const json revealed = board(contest, cat.accessToken);
  EXPECT_FALSE(revealed.at("frozen").get<bool>());
  EXPECT_EQ(revealed.at("rows"), jury.at("rows"));

  // The export is the final board, line for line.
  const HttpResult csv = http().get(base + "/export.csv", m_admin.accessToken);
  ASSERT_EQ(csv.status, 200) << csv.body;
  std::istringstream lines(csv.body);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "rank,team_id,team,solved,penalty,A,B\r");
  for (const auto& row : jury.at("rows")) {
    ASSERT_TRUE(std::getline(lines, line));
    std::ostringstream prefix;
    prefix << row.at("rank") << "," << row.at("team_id") << ",";
    EXPECT_EQ(line.substr(0, prefix.str().size()), prefix.str()) << line;
    std::ostringstream totals;
    totals << "," << row.at("score").at("num_solved") << "," << row.at("score").at("total_time")
           << ",";
    EXPECT_NE(line.find(totals.str()), std::string::npos) << line;
  }
  EXPECT_FALSE(std::getline(lines, line) && !line.empty()) << "one line per team";

  // A contest that is over refuses submissions with a clear error.
  json past = body;
  past["name"] = "Yesterday's Cup";
  past["starts_at"] = formatTimestamp(now - 48h);
  const HttpResult old = http().post("/api/contests", past, m_admin.accessToken);
  ASSERT_EQ(old.status, 201) << old.body;
  const auto oldId = old.json().at("id").get<std::int64_t>();
  ASSERT_EQ(http()
                .post("/api/contests/" + std::to_string(oldId) + "/participants",
                      {{"users", {cat.id}}}, m_admin.accessToken)
                .status,
            200);
  const HttpResult late = submit(cat, oldId, sum, kSumPython);
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.body.find("submissions are closed"), std::string::npos) << late.body;
}

// One backend: the contest's SQL runs on both in contest_repository_test, and this test waits
// for a real freeze.
INSTANTIATE_TEST_SUITE_P(Backends, ContestFlowTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::testing
