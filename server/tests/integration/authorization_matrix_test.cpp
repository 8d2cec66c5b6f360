// Who may call what: every route of the API against four callers — anonymous, a contestant, a
// second contestant, and a proctor — each with the status it must get. The table must name every
// route of the OpenAPI document (which a unit test keeps equal to the router), so a new route
// cannot be added without deciding who may call it. Nobody reads another user's code.

#include <array>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "server_test.hpp"

namespace arena::server::testing {
namespace {

enum Caller { kAnonymous, kContestant, kOtherContestant, kProctor };
constexpr std::array<const char*, 4> kCallerNames = {"anonymous", "contestant", "other contestant",
                                                     "proctor"};

struct Row {
  std::string method;
  std::string pattern;  // as in the OpenAPI document
  std::array<int, 4> expected;
};

std::string zipOf(const std::string& directory) {
  const std::string zip = ::testing::TempDir() + "/matrix-" + std::to_string(::getpid()) + ".zip";
  const std::string command = "cd '" + directory +
                              "' && python3 -c \"import os,sys,zipfile\n"
                              "z=zipfile.ZipFile(sys.argv[1],'w')\n"
                              "[z.write(os.path.join(r,f)) for r,_,fs in os.walk('.') for f in fs]\" '" +
                              zip + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(zip, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class AuthorizationMatrixTest : public ServerTest {};

TEST_P(AuthorizationMatrixTest, EveryRouteAnswersEveryCallerAsExpected) {
  startServer(/*judges=*/1);
  const Account admin = loginAdmin();
  Account contestant = registerUser("mallory");
  Account other = registerUser("trent");
  const std::array<std::string, 4> tokens = {"", contestant.accessToken, other.accessToken,
                                             admin.accessToken};

  // Things to act on: a problem to edit, one per caller to deactivate, the contestant's submission.
  auto createProblem = [&](const std::string& slug) {
    const nlohmann::json body = {
        {"slug", slug}, {"title", "Matrix " + slug}, {"difficulty", "easy"},
        {"description", "Echo the number."},
        {"tests", {{{"input", "1\n"}, {"expected_output", "1\n"}, {"is_public", true}},
                   {{"input", "2\n"}, {"expected_output", "2\n"}, {"is_public", false}}}}};
    const HttpResult reply = http().post("/api/problems", body, admin.accessToken);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  };
  const std::int64_t problemId = createProblem("matrix-target");
  for (const char* slug : {"doomed-0", "doomed-1", "doomed-2", "doomed-3"}) createProblem(slug);
  const HttpResult submitted = http().post(
      "/api/submissions", {{"problem_id", problemId}, {"language", "python3"}, {"code", "print(1)"}},
      contestant.accessToken);
  ASSERT_EQ(submitted.status, 202) << submitted.body;
  const std::string submissionPath = "/api/submissions/" + std::to_string(submitted.json().at("id").get<std::int64_t>());
  const std::string packageZip = zipOf(ARENA_SOURCE_DIR "/tests/problems/pairsum");
  // A lab duel of the contestant's, for the match rows; two more players for the proctor's.
  const Account duelist = registerUser("duelist");
  const HttpResult duel = http().post(
      "/api/matches",
      {{"player1", contestant.id}, {"player2", duelist.id}, {"problem_id", problemId}},
      admin.accessToken);
  ASSERT_EQ(duel.status, 201) << duel.body;
  const std::string matchPath = "/api/matches/" + std::to_string(duel.json().at("id").get<std::int64_t>());
  const std::array<std::int64_t, 2> labPair = {registerUser("labplayera").id, registerUser("labplayerb").id};
  // A bracket for the GET rows, and two more players for the proctor's own.
  const HttpResult bracket = http().post(
      "/api/brackets",
      {{"name", "Matrix bracket"},
       {"players", {registerUser("brackets1").id, registerUser("brackets2").id}},
       {"problem_ids", {problemId}}},
      admin.accessToken);
  ASSERT_EQ(bracket.status, 201) << bracket.body;
  const std::string bracketPath =
      "/api/brackets/" + std::to_string(bracket.json().at("id").get<std::int64_t>());
  const std::array<std::int64_t, 2> bracketPair = {registerUser("brackets3").id,
                                                   registerUser("brackets4").id};

  // Proctor tools: a contest with the contestant (not the other) in it, and a question of theirs.
  const HttpResult clarContest = http().post(
      "/api/contests",
      {{"name", "Matrix clarifications"}, {"starts_at", "2020-01-01T00:00:00Z"},
       {"duration_seconds", 3600}, {"rules", "icpc"},
       {"problems", {{{"problem_id", problemId}, {"label", "A"}}}}},
      admin.accessToken);
  EXPECT_EQ(clarContest.status, 201) << clarContest.body;
  const std::string clarContestPath =
      "/api/contests/" + std::to_string(clarContest.json().value("id", std::int64_t{0}));
  EXPECT_LT(http().post(clarContestPath + "/participants", {{"users", {contestant.id}}},
                        admin.accessToken).status, 300);
  const HttpResult question = http().post(clarContestPath + "/clarifications",
                                          {{"question", "Matrix?"}}, contestant.accessToken);
  EXPECT_EQ(question.status, 201) << question.body;
  const std::string answerPath = "/api/clarifications/" +
                                 std::to_string(question.json().value("id", std::int64_t{0})) +
                                 "/answer";

  const std::vector<Row> rows = {
      {"POST", "/api/admin/accounts/import", {401, 403, 403, 201}},
      {"GET", "/api/admin/status", {401, 403, 403, 200}},
      {"POST", "/api/submissions/{id}/rejudge", {401, 403, 403, 202}},
      {"POST", "/api/problems/{slug}/rejudge", {401, 403, 403, 202}},
      {"POST", "/api/contests/{id}/clarifications", {401, 201, 403, 201}},  // participants
      {"GET", "/api/contests/{id}/clarifications", {401, 200, 403, 200}},
      {"POST", "/api/clarifications/{id}/answer", {401, 403, 403, 200}},
      {"POST", "/api/contests/{id}/announcements", {401, 403, 403, 201}},
      // Contests: the clarifications' contest is private, over, without a freeze, and has the
      // contestant (not the other) in it.
      {"POST", "/api/contests", {401, 403, 403, 201}},
      {"GET", "/api/contests", {200, 200, 200, 200}},
      {"GET", "/api/contests/{id}", {404, 200, 404, 200}},
      {"PUT", "/api/contests/{id}", {401, 403, 403, 200}},
      {"GET", "/api/contests/{id}/problems", {404, 200, 404, 200}},
      {"POST", "/api/contests/{id}/participants", {401, 403, 403, 200}},
      {"GET", "/api/contests/{id}/participants", {401, 403, 403, 200}},
      {"POST", "/api/contests/{id}/unfreeze", {401, 403, 403, 409}},  // it has no freeze
      {"POST", "/api/contests/{id}/reveal/step", {401, 403, 403, 409}},  // no freeze either
      {"GET", "/api/contests/{id}/scoreboard", {404, 200, 404, 200}},
      {"GET", "/api/contests/{id}/export.csv", {401, 403, 403, 200}},
      {"GET", "/api/contests/{id}/scoreboard.html", {401, 403, 403, 200}},
      // The ICPC Contest API over the same contest (over, no freeze: its feed ends at once).
      {"GET", "/api/ccs", {200, 200, 200, 200}},
      {"GET", "/api/ccs/contests", {200, 200, 200, 200}},
      {"GET", "/api/ccs/contests/{id}", {404, 200, 404, 200}},
      {"GET", "/api/ccs/contests/{id}/state", {404, 200, 404, 200}},
      {"GET", "/api/ccs/contests/{id}/scoreboard", {404, 200, 404, 200}},
      {"GET", "/api/ccs/contests/{id}/{endpoint}", {404, 200, 404, 200}},
      {"GET", "/api/ccs/contests/{id}/{endpoint}/{object_id}", {404, 200, 404, 200}},
      {"GET", "/api/ccs/contests/{id}/event-feed", {404, 200, 404, 200}},
      {"GET", "/healthz", {200, 200, 200, 200}},
      {"GET", "/metrics", {200, 200, 200, 200}},
      {"GET", "/api/openapi.json", {200, 200, 200, 200}},
      {"GET", "/api/leaderboard/snapshot/today", {404, 404, 404, 404}},  // before it is taken
      {"POST", "/api/auth/register", {201, 201, 201, 201}},
      {"POST", "/api/auth/login", {200, 200, 200, 200}},
      {"POST", "/api/auth/refresh", {200, 200, 200, 200}},
      {"POST", "/api/auth/logout", {204, 204, 204, 204}},
      {"GET", "/api/auth/me", {401, 200, 200, 200}},
      {"GET", "/api/problems", {200, 200, 200, 200}},
      {"POST", "/api/problems", {401, 403, 403, 201}},
      {"POST", "/api/problems/import", {401, 403, 403, 201}},
      {"GET", "/api/problems/{slug}", {200, 200, 200, 200}},
      {"PUT", "/api/problems/{slug}", {401, 403, 403, 200}},
      {"GET", "/api/problems/{slug}/tests", {401, 403, 403, 200}},
      {"DELETE", "/api/problems/{slug}", {401, 403, 403, 204}},
      {"POST", "/api/submissions", {401, 202, 202, 202}},
      {"GET", "/api/submissions", {401, 200, 200, 200}},
      {"GET", "/api/submissions/{id}", {401, 200, 404, 200}},
      {"GET", "/api/languages", {200, 200, 200, 200}},
      {"GET", "/api/leaderboard/top", {200, 200, 200, 200}},
      {"POST", "/api/leaderboard/snapshot", {401, 403, 403, 201}},
      {"GET", "/api/analytics/events", {401, 403, 403, 200}},
      // The contestant is in the lab duel above, so may not queue (409) and dequeue gives that
      // duel; the other two queue (rating 1500 each) and are paired with each other.
      {"POST", "/api/match/enqueue", {401, 409, 200, 200}},
      {"POST", "/api/match/dequeue", {401, 200, 200, 200}},
      {"DELETE", "/api/match/queue", {401, 204, 204, 204}},
      {"GET", "/api/match/queue", {401, 200, 200, 200}},  // one's own status only
      {"GET", "/api/matches/{id}", {401, 200, 404, 200}},  // players and proctors
      {"POST", "/api/matches/{id}/forfeit", {401, 200, 404, 404}},  // players only
      {"POST", "/api/matches", {401, 403, 403, 201}},
      {"GET", "/api/users/{id}/rating-history", {200, 200, 200, 200}},
      {"POST", "/api/brackets", {401, 403, 403, 201}},
      {"GET", "/api/brackets", {401, 200, 200, 200}},
      {"GET", "/api/brackets/{id}", {401, 200, 200, 200}},  // any logged-in user
      // A plain GET; the WebSocket upgrade itself is covered by live_events_test.
      {"GET", "/api/ws", {401, 400, 400, 400}},
  };

  // Every route of the document is in the table.
  const nlohmann::json document = http().get("/api/openapi.json").json();
  std::set<std::pair<std::string, std::string>> covered;
  for (const Row& row : rows) covered.insert({row.method, row.pattern});
  for (const auto& [path, operations] : document.at("paths").items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_TRUE(covered.contains({upper, path})) << upper << " " << path << " is not in the matrix";
    }
  }

  int registered = 0;
  for (const Row& row : rows) {
    for (std::size_t caller = kAnonymous; caller <= kProctor; ++caller) {
      std::string path = row.pattern;
      std::string body;
      std::string contentType = "application/json";
      if (row.pattern == "/api/problems/{slug}" && row.method == "DELETE") {
        path = "/api/problems/doomed-" + std::to_string(caller);
      } else if (row.pattern.find("{slug}") != std::string::npos) {
        path.replace(path.find("{slug}"), 6, "matrix-target");
      }
      if (row.pattern == "/api/submissions/{id}") path = submissionPath;
      if (row.pattern == "/api/submissions/{id}/rejudge") path = submissionPath + "/rejudge";
      if (row.pattern == "/api/contests/{id}/clarifications") path = clarContestPath + "/clarifications";
      if (row.pattern == "/api/contests/{id}/announcements") path = clarContestPath + "/announcements";
      if (row.pattern == "/api/clarifications/{id}/answer") path = answerPath;
      if (row.pattern.starts_with("/api/contests/{id}/") || row.pattern == "/api/contests/{id}") {
        path = clarContestPath + row.pattern.substr(std::string("/api/contests/{id}").size());
      }
      if (row.pattern.starts_with("/api/ccs/contests/{id}")) {
        path = "/api/ccs" + clarContestPath.substr(4) +
               row.pattern.substr(std::string("/api/ccs/contests/{id}").size());
        if (const auto at = path.find("{endpoint}"); at != std::string::npos) {
          path.replace(at, 10, "judgement-types");
        }
        if (const auto at = path.find("{object_id}"); at != std::string::npos) {
          path.replace(at, 11, "AC");
        }
      }
      if (row.pattern == "/api/matches/{id}") path = matchPath;
      if (row.pattern == "/api/matches/{id}/forfeit") path = matchPath + "/forfeit";
      if (row.pattern == "/api/brackets/{id}") path = bracketPath;
      if (row.pattern == "/api/users/{id}/rating-history") {
        path = "/api/users/" + std::to_string(contestant.id) + "/rating-history";
      }
      if (row.pattern == "/api/submissions") path += "?mine=1";
      if (row.pattern == "/api/analytics/events") path += "?type=login";
      if (row.pattern == "/api/auth/register") {
        const std::string name = "newcomer" + std::to_string(registered++);
        body = nlohmann::json{{"email", name + "@example.org"}, {"username", name},
                              {"password", "long-enough-pw"}}.dump();
      } else if (row.pattern == "/api/auth/login") {
        body = nlohmann::json{{"username", "mallory"}, {"password", contestant.password}}.dump();
      } else if (row.pattern == "/api/auth/refresh" || row.pattern == "/api/auth/logout") {
        const HttpResult fresh = http().post(
            "/api/auth/login", {{"username", "trent"}, {"password", other.password}});
        body = nlohmann::json{{"refresh_token", fresh.json().at("refresh_token")}}.dump();
      } else if (row.pattern == "/api/problems" && row.method == "POST") {
        body = nlohmann::json{{"slug", "made-by-" + std::to_string(caller)},
                              {"title", "Made"}, {"difficulty", "medium"}, {"description", "x"},
                              {"tests", {{{"input", "1\n"}, {"expected_output", "1\n"}}}}}.dump();
      } else if (row.pattern == "/api/contests" || row.pattern == "/api/contests/{id}") {
        body = nlohmann::json{{"name", "Matrix clarifications " + std::to_string(caller)},
                              {"starts_at", "2020-01-01T00:00:00Z"}, {"duration_seconds", 3600},
                              {"rules", "icpc"},
                              {"problems", {{{"problem_id", problemId}, {"label", "A"}}}}}.dump();
      } else if (row.pattern == "/api/contests/{id}/participants" && row.method == "POST") {
        body = nlohmann::json{{"users", {duelist.id}}}.dump();
      } else if (row.method == "PUT") {
        body = nlohmann::json{{"slug", "matrix-target"}, {"title", "Renamed by " + std::to_string(caller)},
                              {"difficulty", "hard"}, {"description", "Echo it."}}.dump();
      } else if (row.pattern == "/api/admin/accounts/import") {
        body = "matrix-imported-" + std::to_string(caller) + "\n";
        contentType = "text/csv";
      } else if (row.pattern == "/api/contests/{id}/clarifications" && row.method == "POST") {
        body = nlohmann::json{{"question", "Asked by " + std::to_string(caller)}}.dump();
      } else if (row.pattern == "/api/clarifications/{id}/answer") {
        body = nlohmann::json{{"answer", "Answered."}}.dump();
      } else if (row.pattern == "/api/contests/{id}/announcements") {
        body = nlohmann::json{{"text", "Announced."}}.dump();
      } else if (row.pattern == "/api/problems/import") {
        path += "?slug=imported-" + std::to_string(caller);
        body = packageZip;
        contentType = "application/zip";
      } else if (row.pattern == "/api/matches" && row.method == "POST") {
        body = nlohmann::json{{"player1", labPair[0]}, {"player2", labPair[1]},
                              {"problem_id", problemId}}.dump();
      } else if (row.pattern == "/api/brackets" && row.method == "POST") {
        body = nlohmann::json{{"name", "Matrix bracket " + std::to_string(caller)},
                              {"players", bracketPair}, {"problem_ids", {problemId}}}.dump();
      } else if (row.pattern == "/api/submissions" && row.method == "POST") {
        body = nlohmann::json{{"problem_id", problemId}, {"language", "python3"},
                              {"code", "print(1)"}}.dump();
      } else if (row.method == "POST") {
        body = "{}";
      }
      const HttpResult reply = http().request(row.method, path, body, tokens[caller], contentType);
      EXPECT_EQ(reply.status, row.expected[caller])
          << row.method << " " << path << " as " << kCallerNames[caller] << ": " << reply.body;
      if (reply.status >= 400) {
        EXPECT_TRUE(reply.json().contains("error")) << row.method << " " << path << ": " << reply.body;
      }
      if (row.pattern == "/api/submissions/{id}" && caller == kOtherContestant) {
        EXPECT_EQ(reply.body.find("print(1)"), std::string::npos) << "another user's code leaked";
      }
    }
  }
}

// One backend is enough: authorization does not depend on the database.
INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationMatrixTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::testing
