// Issue 9's end-to-end contest, as a proctor runs one in a lab: everything through arena-admin
// against a real arena-server that judges for real. Two problems are imported from package
// directories, 30 accounts come from a CSV (their passwords from the JSON arena-admin writes),
// the contest is created scheduled and its teams named from the CSV, the contest starts, 30
// scripted contestants log in and submit through the API, the board freezes, the public and
// jury boards differ exactly where verdicts came after the freeze, unfreeze reveals the jury
// board, and the exported CSV is that final board line for line.
//
// Sandbox uid range 520000 (ARENA_SANDBOX_UID for the server this test starts).

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "admin_runner.hpp"
#include "arena/core/timestamp.hpp"
#include "server_test.hpp"

namespace arena::server::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

constexpr int kTeams = 30;
// Team 30's name has the characters a CSV must quote.
std::string teamName(int team) {
  if (team == kTeams) return R"(Lab "Thirty", row 3)";
  return std::string("Lab Team ") + (team < 10 ? "0" : "") + std::to_string(team);
}
std::string username(int team) { return "lab" + std::to_string(team); }

// The script every team follows. Before the freeze: on A, teams 3k+1 are right at once, 3k are
// wrong then right, 3k+2 are wrong; teams 1-10 solve B. After the freeze: teams 11-15 solve B,
// and teams 2 and 5 solve A after their wrong try.
bool solvesBAfterFreeze(int team) { return team >= 11 && team <= 15; }
bool solvesAAfterFreeze(int team) { return team == 2 || team == 5; }

constexpr const char* kReversePython = R"(import sys
tokens = sys.stdin.read().split()
n = int(tokens[0])
print(" ".join(reversed(tokens[1:1 + n]))))";

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

class LabContestTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ::setenv("ARENA_SANDBOX_UID", "520000", 1);
    startServer(/*judges=*/2);
    m_admin = loginAdmin();
    m_work = fs::path(dataDir()).parent_path() / "lab-work";
    fs::create_directories(m_work);
  }

  AdminRun arenaAdmin(const std::string& arguments) {
    return runArenaAdmin(server().port(), server().adminPassword(), arguments);
  }

  std::int64_t submit(const std::string& token, std::int64_t contest, std::int64_t problem,
                      const std::string& code) {
    const HttpResult reply = http().post(
        "/api/submissions",
        {{"problem_id", problem}, {"language", "python3"}, {"code", code}, {"contest_id", contest}},
        token);
    EXPECT_EQ(reply.status, 202) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }

  void waitAllJudged(const std::vector<std::int64_t>& ids) {
    for (const auto id : ids) {
      ASSERT_FALSE(waitJudged(id, m_admin.accessToken).is_null()) << "submission " << id;
    }
  }

  json board(const std::string& base, const std::string& token, const std::string& query = "") {
    const HttpResult reply = http().get(base + "/scoreboard" + query, token);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
  }

  static std::map<std::int64_t, json> rowsByTeam(const json& board) {
    std::map<std::int64_t, json> rows;
    for (const auto& row : board.at("rows")) rows[row.at("team_id").get<std::int64_t>()] = row;
    return rows;
  }

  Account m_admin;
  fs::path m_work;
};

TEST_P(LabContestTest, ThirtyTeamsFromACsvRunAFrozenContestWhoseExportIsTheFinalBoard) {
  // The problem set, imported from package directories.
  const fs::path samples = fs::path(ARENA_SOURCE_DIR) / "server/samples";
  for (const auto& [dir, slug] : {std::pair{"sum-of-two", "lab-sum"},
                                  std::pair{"reverse-words", "lab-reverse"}}) {
    const AdminRun imported =
        arenaAdmin("import-problem " + (samples / dir).string() + " --slug " + slug);
    ASSERT_EQ(imported.exitCode, 0) << imported.output;
  }
  const auto sum = http().get("/api/problems/lab-sum").json().at("id").get<std::int64_t>();
  const auto reverse = http().get("/api/problems/lab-reverse").json().at("id").get<std::int64_t>();

  // 30 accounts from the lab's CSV; the passwords exist only in the JSON arena-admin writes.
  {
    std::ofstream csv(m_work / "lab.csv");
    csv << "username,team\r\n";
    for (int team = 1; team <= kTeams; ++team) {
      csv << username(team) << "," << csvField(teamName(team)) << "\r\n";
    }
  }
  const AdminRun accounts = arenaAdmin("accounts-import " + (m_work / "lab.csv").string() +
                                       " --json " + (m_work / "accounts.json").string());
  ASSERT_EQ(accounts.exitCode, 0) << accounts.output;
  std::ifstream accountsFile(m_work / "accounts.json");
  const json sheet = json::parse(accountsFile);
  ASSERT_EQ(sheet.at("accounts").size(), static_cast<std::size_t>(kTeams));

  // The contest, scheduled an hour ahead, with one team per account named from the CSV.
  const json spec = {{"name", "Lab Finals"},
                     {"starts_at", formatTimestamp(std::chrono::time_point_cast<
                                                   std::chrono::milliseconds>(
                                                   std::chrono::system_clock::now() + 1h))},
                     {"duration_seconds", 5 * 3600},
                     {"freeze_after_seconds", 4 * 3600},
                     {"rules", "icpc"},
                     {"visibility", "public"},
                     {"problems",
                      {{{"problem_id", sum}, {"label", "A"}, {"color", "#e11d48"}},
                       {{"problem_id", reverse}, {"label", "B"}, {"color", "#2563eb"}}}}};
  std::ofstream(m_work / "contest.json") << spec.dump();
  const AdminRun created = arenaAdmin("contest-create " + (m_work / "contest.json").string());
  ASSERT_EQ(created.exitCode, 0) << created.output;
  const std::string contestText = numberAfter(created.output, "created contest ");
  ASSERT_FALSE(contestText.empty()) << created.output;
  const std::int64_t contest = std::stoll(contestText);
  const std::string base = "/api/contests/" + contestText;
  const AdminRun added =
      arenaAdmin("contest-teams " + contestText + " " + (m_work / "accounts.json").string());
  ASSERT_EQ(added.exitCode, 0) << added.output;
  EXPECT_NE(added.output.find("added 30 team(s)"), std::string::npos) << added.output;

  std::map<std::string, std::int64_t> teamIdByName;
  std::map<std::int64_t, std::string> nameByTeamId;
  const json participants = http().get(base + "/participants", m_admin.accessToken).json();
  for (const auto& team : participants.at("teams")) {
    teamIdByName[team.at("name")] = team.at("id");
    nameByTeamId[team.at("id")] = team.at("name");
  }
  ASSERT_EQ(teamIdByName.size(), static_cast<std::size_t>(kTeams));
  std::map<int, std::int64_t> teamId;
  std::map<int, std::string> token;
  for (int team = 1; team <= kTeams; ++team) {
    ASSERT_TRUE(teamIdByName.contains(teamName(team))) << teamName(team);
    teamId[team] = teamIdByName[teamName(team)];
    const json& account = sheet.at("accounts")[static_cast<std::size_t>(team - 1)];
    ASSERT_EQ(account.at("username"), username(team));
    const HttpResult login = http().post(
        "/api/auth/login", {{"username", account.at("username")}, {"password", account.at("password")}});
    ASSERT_EQ(login.status, 200) << login.body;
    token[team] = login.json().at("access_token");
  }

  // Before the start the problems stay hidden.
  EXPECT_EQ(http().get(base + "/problems", token[1]).status, 403);
  EXPECT_NE(http().post("/api/submissions",
                        {{"problem_id", sum}, {"language", "python3"}, {"code", kSumPython},
                         {"contest_id", contest}},
                        token[1])
                .status,
            202);

  const AdminRun started = arenaAdmin("contest-start " + contestText);
  ASSERT_EQ(started.exitCode, 0) << started.output;
  const auto startedAt = std::chrono::steady_clock::now();
  EXPECT_EQ(http().get(base + "/problems", token[1]).status, 200);

  std::vector<std::int64_t> ids;
  for (int team = 1; team <= kTeams; ++team) {
    if (team % 3 != 1) ids.push_back(submit(token[team], contest, sum, kWrongPython));
    if (team % 3 != 2) ids.push_back(submit(token[team], contest, sum, kSumPython));
    if (team <= 10) ids.push_back(submit(token[team], contest, reverse, kReversePython));
  }
  waitAllJudged(ids);
  ASSERT_FALSE(HasFatalFailure());

  const AdminRun froze = arenaAdmin("contest-freeze " + contestText);
  ASSERT_EQ(froze.exitCode, 0) << froze.output;
  ASSERT_EQ(http().get(base, m_admin.accessToken).json().value("state", ""), "frozen");
  ids.clear();
  for (int team = 1; team <= kTeams; ++team) {
    if (solvesBAfterFreeze(team)) ids.push_back(submit(token[team], contest, reverse, kReversePython));
    if (solvesAAfterFreeze(team)) ids.push_back(submit(token[team], contest, sum, kSumPython));
  }
  waitAllJudged(ids);
  ASSERT_FALSE(HasFatalFailure());
  const auto minutesSoFar =
      std::chrono::duration_cast<std::chrono::minutes>(std::chrono::steady_clock::now() - startedAt)
          .count() + 1;

  // The frozen board shows pending cells exactly where verdicts came after the freeze; the
  // jury board shows the truth. Problem cells are in label order: A, then B.
  const json frozen = board(base, token[7]);
  EXPECT_TRUE(frozen.at("frozen").get<bool>());
  const json jury = board(base, m_admin.accessToken, "?view=jury");
  const auto publicRows = rowsByTeam(frozen);
  const auto juryRows = rowsByTeam(jury);
  ASSERT_EQ(publicRows.size(), static_cast<std::size_t>(kTeams));
  ASSERT_EQ(juryRows.size(), static_cast<std::size_t>(kTeams));
  for (int team = 1; team <= kTeams; ++team) {
    SCOPED_TRACE("team " + std::to_string(team));
    const json& open = publicRows.at(teamId[team]);
    const json& truth = juryRows.at(teamId[team]);
    const bool solvedABefore = team % 3 != 2;
    const bool solvedBBefore = team <= 10;
    const bool solvedA = solvedABefore || solvesAAfterFreeze(team);
    const bool solvedB = solvedBBefore || solvesBAfterFreeze(team);
    EXPECT_EQ(open.at("score").at("num_solved"), int{solvedABefore} + int{solvedBBefore});
    EXPECT_EQ(truth.at("score").at("num_solved"), int{solvedA} + int{solvedB});
    EXPECT_EQ(open.at("problems")[0].at("num_pending"), solvesAAfterFreeze(team) ? 1 : 0);
    EXPECT_EQ(open.at("problems")[1].at("num_pending"), solvesBAfterFreeze(team) ? 1 : 0);
    EXPECT_EQ(truth.at("problems")[0].at("num_pending"), 0);
    EXPECT_EQ(truth.at("problems")[1].at("num_pending"), 0);
    EXPECT_EQ(truth.at("problems")[0].at("solved"), solvedA);
    EXPECT_EQ(truth.at("problems")[1].at("solved"), solvedB);
    // Penalty: 20 per wrong try before an accepted one, plus the minutes (all within the run).
    const int wrongTries = (team % 3 == 0 || solvesAAfterFreeze(team)) ? 1 : 0;
    const auto penalty = truth.at("score").at("total_time").get<std::int64_t>();
    EXPECT_GE(penalty, 20 * wrongTries);
    EXPECT_LE(penalty, 20 * wrongTries + (int{solvedA} + int{solvedB}) * minutesSoFar);
    const bool changedAfterFreeze = solvesAAfterFreeze(team) || solvesBAfterFreeze(team);
    EXPECT_EQ(open.at("problems") == truth.at("problems"), !changedAfterFreeze);
  }
  // Ranks are by solved count first: all 2-problem teams above all 1-problem teams.
  for (std::size_t i = 1; i < jury.at("rows").size(); ++i) {
    EXPECT_GE(jury.at("rows")[i - 1].at("score").at("num_solved"),
              jury.at("rows")[i].at("score").at("num_solved"));
  }

  // Unfreeze reveals: the public board becomes the jury board.
  const AdminRun unfroze = arenaAdmin("contest-unfreeze " + contestText);
  ASSERT_EQ(unfroze.exitCode, 0) << unfroze.output;
  const json revealed = board(base, token[7]);
  EXPECT_FALSE(revealed.at("frozen").get<bool>());
  EXPECT_EQ(revealed.at("rows"), jury.at("rows"));

  // The export is the final board, line for line, names from the CSV and quoted where needed.
  const AdminRun exported =
      arenaAdmin("contest-export " + contestText + " --out " + (m_work / "results.csv").string());
  ASSERT_EQ(exported.exitCode, 0) << exported.output;
  std::ifstream results(m_work / "results.csv", std::ios::binary);
  std::stringstream bytes;
  bytes << results.rdbuf();
  std::string expected = "rank,team_id,team,solved,penalty,A,B\r\n";
  for (const auto& row : jury.at("rows")) {
    const auto id = row.at("team_id").get<std::int64_t>();
    expected += std::to_string(row.at("rank").get<int>()) + "," + std::to_string(id) + "," +
                csvField(nameByTeamId.at(id)) + "," +
                std::to_string(row.at("score").at("num_solved").get<int>()) + "," +
                std::to_string(row.at("score").at("total_time").get<std::int64_t>());
    for (const auto& cell : row.at("problems")) {
      const int judged = cell.at("num_judged");
      if (cell.at("solved").get<bool>()) {
        expected += "," + std::to_string(cell.at("time").get<std::int64_t>()) + "+" +
                    std::to_string(judged - 1);
      } else {
        expected += judged > 0 ? ",-" + std::to_string(judged) : ",";
      }
    }
    expected += "\r\n";
  }
  EXPECT_EQ(bytes.str(), expected);
  EXPECT_NE(bytes.str().find(R"("Lab ""Thirty"", row 3")"), std::string::npos);
}

// One backend: the contest's SQL runs on both in contest_repository_test; this one judges 57
// submissions for real.
INSTANTIATE_TEST_SUITE_P(Backends, LabContestTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::testing
