// The contestant's path through the API over real HTTP, on SQLite and on MariaDB: register, log
// in, list and open problems, submit right and wrong programs in two languages and see them
// judged, run the playground, read the leaderboard and the daily snapshot.

#include <set>

#include "server_test.hpp"

namespace arena::server::testing {
namespace {

class ApiFlowTest : public ServerTest {};

TEST_P(ApiFlowTest, AContestantGoesFromRegistrationToVerdicts) {
  startServer(/*judges=*/2);

  const HttpResult health = http().get("/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_FALSE(health.header("x-request-id").empty());

  const Account alice = registerUser("alice");
  const HttpResult login =
      http().post("/api/auth/login", {{"username", "alice"}, {"password", alice.password}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token = login.json().at("access_token");
  const HttpResult me = http().get("/api/auth/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("username"), "alice");

  // The sample problems: at least six, of several difficulties.
  const HttpResult list = http().get("/api/problems");
  ASSERT_EQ(list.status, 200) << list.body;
  const nlohmann::json problems = list.json().at("problems");
  EXPECT_GE(problems.size(), 6U);
  std::set<std::string> difficulties;
  std::int64_t sumOfTwo = 0;
  for (const auto& problem : problems) {
    difficulties.insert(problem.at("difficulty").get<std::string>());
    if (problem.at("slug") == "sum-of-two") sumOfTwo = problem.at("id");
  }
  EXPECT_GE(difficulties.size(), 2U);
  ASSERT_NE(sumOfTwo, 0) << list.body;
  const HttpResult easy = http().get("/api/problems?difficulty=easy");
  ASSERT_EQ(easy.status, 200);
  const nlohmann::json easyList = easy.json();  // a named value: the loop must not walk a temporary
  for (const auto& problem : easyList.at("problems")) EXPECT_EQ(problem.at("difficulty"), "easy");

  // Opening a problem shows its samples and never a hidden test.
  const HttpResult open = http().get("/api/problems/sum-of-two", token);
  ASSERT_EQ(open.status, 200) << open.body;
  const nlohmann::json problem = open.json();
  EXPECT_FALSE(problem.at("description").get<std::string>().empty());
  ASSERT_FALSE(problem.at("samples").empty());
  const Account admin = loginAdmin();
  const HttpResult tests = http().get("/api/problems/sum-of-two/tests", admin.accessToken);
  ASSERT_EQ(tests.status, 200) << tests.body;
  int hidden = 0;
  const nlohmann::json allTests = tests.json();
  for (const auto& test : allTests.at("tests")) {
    if (test.at("is_public")) continue;
    ++hidden;
    EXPECT_EQ(open.body.find(test.at("input").get<std::string>()), std::string::npos)
        << "a hidden test leaked into the problem view";
  }
  EXPECT_GT(hidden, 0);

  // Right and wrong, in C++ and in Python.
  struct Case {
    const char* language;
    const char* code;
    const char* verdict;
  };
  const std::vector<Case> cases = {{"cpp17", kSumCpp, "AC"},
                                   {"python3", kSumPython, "AC"},
                                   {"python3", kWrongPython, "WA"},
                                   {"cpp17", kWrongCpp, "WA"}};
  std::vector<std::int64_t> ids;
  for (const Case& c : cases) {
    const HttpResult submitted = http().post(
        "/api/submissions",
        {{"problem_id", sumOfTwo}, {"language", c.language}, {"code", c.code}}, token);
    ASSERT_EQ(submitted.status, 202) << submitted.body;
    EXPECT_EQ(submitted.json().at("status"), "queued");
    ids.push_back(submitted.json().at("id"));
  }
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const nlohmann::json judged = waitJudged(ids[i], token);
    ASSERT_FALSE(judged.is_null()) << "submission " << ids[i] << " was not judged";
    EXPECT_EQ(judged.at("verdict"), cases[i].verdict) << cases[i].language << judged.dump();
    EXPECT_GE(judged.at("exec_time_ms").get<int>(), 0);
    EXPECT_GT(judged.at("memory_kb").get<int>(), 0) << judged.dump();
    EXPECT_FALSE(judged.at("tests").empty());
    EXPECT_EQ(judged.at("code"), cases[i].code);
  }

  const HttpResult mine = http().get("/api/submissions?mine=1", token);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json().at("submissions").size(), cases.size());

  // The playground runs custom input and stores nothing.
  const HttpResult played = http().post(
      "/api/submissions", {{"language", "python3"}, {"code", kSumPython}, {"stdin", "2\n1 2\n40 2\n"}},
      token);
  ASSERT_EQ(played.status, 200) << played.body;
  EXPECT_EQ(played.json().at("status"), "OK");
  EXPECT_EQ(played.json().at("stdout"), "3\n42\n");
  EXPECT_TRUE(played.json().at("id").is_null());
  EXPECT_EQ(http().get("/api/submissions?mine=1", token).json().at("submissions").size(),
            cases.size());

  // Leaderboard and the daily snapshot.
  const HttpResult top = http().get("/api/leaderboard/top");
  ASSERT_EQ(top.status, 200) << top.body;
  bool aliceListed = false;
  const nlohmann::json board = top.json();
  for (const auto& entry : board.at("entries")) aliceListed |= entry.at("username") == "alice";
  EXPECT_TRUE(aliceListed) << top.body;
  EXPECT_EQ(http().get("/api/leaderboard/snapshot/today").status, 404);
  EXPECT_EQ(http().request("POST", "/api/leaderboard/snapshot", "{}", admin.accessToken).status,
            201);
  const HttpResult snapshot = http().get("/api/leaderboard/snapshot/today");
  ASSERT_EQ(snapshot.status, 200) << snapshot.body;
  EXPECT_FALSE(snapshot.json().at("entries").empty());

  // What happened is on record for proctors.
  const HttpResult verdicts =
      http().get("/api/analytics/events?type=verdict", admin.accessToken);
  ASSERT_EQ(verdicts.status, 200) << verdicts.body;
  EXPECT_EQ(verdicts.json().at("events").size(), cases.size());
  const HttpResult metrics = http().get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("arena_http_requests_total"), std::string::npos);
}

ARENA_STORAGE_BACKENDS(ApiFlowTest);

}  // namespace
}  // namespace arena::server::testing
