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

  const std::vector<Row> rows = {
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
      // Everyone queues (rating 1500 each); the contestant's dequeue pairs the first two to come.
      {"POST", "/api/match/enqueue", {401, 200, 200, 200}},
      {"POST", "/api/match/dequeue", {401, 200, 200, 202}},
      {"DELETE", "/api/match/queue", {401, 204, 204, 204}},
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
      } else if (row.method == "PUT") {
        body = nlohmann::json{{"slug", "matrix-target"}, {"title", "Renamed by " + std::to_string(caller)},
                              {"difficulty", "hard"}, {"description", "Echo it."}}.dump();
      } else if (row.pattern == "/api/problems/import") {
        path += "?slug=imported-" + std::to_string(caller);
        body = packageZip;
        contentType = "application/zip";
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
