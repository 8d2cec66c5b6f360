// arena-admin against a real arena-server: status, accounts-import writing a printable sheet
// whose passwords log in, import-problem from a directory, rejudge, and a contest's lifecycle
// (create, start, freeze, unfreeze, export as CSV and HTML), the reveal from the terminal; bad
// credentials and usage errors exit non-zero.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin_runner.hpp"
#include "arena/core/timestamp.hpp"
#include "server_test.hpp"

namespace arena::server::testing {
namespace {

namespace fs = std::filesystem;

class ArenaAdminTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ::setenv("ARENA_SANDBOX_UID", "420100", 1);
    startServer(/*judges=*/1);
    admin = loginAdmin();
    work = fs::path(dataDir()).parent_path() / "admin-work";
    fs::create_directories(work);
  }

  // arena-admin with the admin's password in the environment, as a proctor would run it.
  AdminRun arenaAdmin(const std::string& arguments, const std::string& password = {}) {
    return runArenaAdmin(server().port(), password.empty() ? adminPassword() : password,
                         arguments);
  }

  std::string adminPassword() { return server().adminPassword(); }

  static std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

  Account admin;
  fs::path work;
};

TEST_P(ArenaAdminTest, StatusPrintsTheJudgesAndQueue) {
  const AdminRun run = arenaAdmin("status");
  EXPECT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("judges        1 running of 1 configured"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("queue depth"), std::string::npos);
}

TEST_P(ArenaAdminTest, AccountsImportWritesASheetWhosePasswordsLogIn) {
  const fs::path csv = work / "teams.csv";
  std::ofstream(csv) << "username,team\nlab-a1,\"Lab <A> 1\"\nlab-a2,Lab A 2\n";
  const fs::path json = work / "teams.json";
  const AdminRun run = arenaAdmin("accounts-import " + csv.string() + " --json " + json.string() +
                         " --title 'Finals'");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("created 2 accounts"), std::string::npos) << run.output;
  const std::string sheet = slurp(work / "teams.sheet.html");
  EXPECT_NE(sheet.find("Lab &lt;A&gt; 1"), std::string::npos);
  const auto accounts = nlohmann::json::parse(slurp(json));
  const std::string password = accounts["accounts"][1]["password"];
  EXPECT_NE(sheet.find(password), std::string::npos) << "the sheet shows the password";
  const HttpResult login =
      http().post("/api/auth/login", {{"username", "lab-a2"}, {"password", password}});
  EXPECT_EQ(login.status, 200) << login.body;

  const AdminRun again = arenaAdmin("accounts-import " + csv.string());
  EXPECT_EQ(again.exitCode, 1);
  EXPECT_NE(again.output.find("line 2: username 'lab-a1' is already taken"), std::string::npos)
      << again.output;
}

TEST_P(ArenaAdminTest, ImportsAProblemDirectoryAndRejudgesIt) {
  const fs::path copy = work / "sum-copy";
  fs::copy(fs::path(ARENA_SOURCE_DIR) / "server/samples/sum-of-two", copy,
           fs::copy_options::recursive);
  const AdminRun imported = arenaAdmin("import-problem " + copy.string() + " --slug sum-copy");
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  EXPECT_NE(imported.output.find("imported problem 'sum-copy'"), std::string::npos)
      << imported.output;

  const Account ann = registerUser("ann");
  const auto problem = http().get("/api/problems/sum-copy").json();
  const HttpResult submitted = http().post(
      "/api/submissions",
      {{"problem_id", problem["id"]}, {"language", "python"}, {"code", kSumPython}},
      ann.accessToken);
  ASSERT_EQ(submitted.status, 202) << submitted.body;
  const std::int64_t id = submitted.json()["id"];
  ASSERT_FALSE(waitJudged(id, ann.accessToken).is_null());

  const AdminRun problemRun = arenaAdmin("rejudge --problem sum-copy");
  EXPECT_EQ(problemRun.exitCode, 0) << problemRun.output;
  EXPECT_NE(problemRun.output.find("queued 1 submission(s)"), std::string::npos)
      << problemRun.output;
  const auto judged = waitJudged(id, ann.accessToken);
  ASSERT_FALSE(judged.is_null());
  EXPECT_EQ(judged["verdict"], "AC");
  const AdminRun one = arenaAdmin("rejudge --submission " + std::to_string(id));
  EXPECT_EQ(one.exitCode, 0) << one.output;
  const AdminRun missing = arenaAdmin("rejudge --submission 999999");
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.output.find("HTTP 404"), std::string::npos) << missing.output;
}

TEST_P(ArenaAdminTest, RunsAContestFromCreationToExport) {
  const auto problem = http().get("/api/problems/sum-of-two").json();
  const fs::path spec = work / "contest.json";
  std::ofstream(spec) << nlohmann::json{{"name", "Admin cup"},
                                        {"starts_at", "2030-01-01T00:00:00Z"},
                                        {"duration_seconds", 7200},
                                        {"freeze_after_seconds", 6000},
                                        {"rules", "icpc"},
                                        {"problems", {{{"problem_id", problem["id"]}, {"label", "A"}}}}}
                             .dump();
  const AdminRun created = arenaAdmin("contest-create " + spec.string());
  ASSERT_EQ(created.exitCode, 0) << created.output;
  const std::string id = numberAfter(created.output, "created contest ");
  ASSERT_FALSE(id.empty()) << created.output;

  EXPECT_EQ(arenaAdmin("contest-start " + id).exitCode, 0);
  auto contest = http().get("/api/contests/" + id, admin.accessToken).json();
  EXPECT_EQ(contest["state"], "running") << contest.dump();
  const AdminRun froze = arenaAdmin("contest-freeze " + id);
  EXPECT_EQ(froze.exitCode, 0) << froze.output;
  contest = http().get("/api/contests/" + id, admin.accessToken).json();
  EXPECT_LT(contest["freeze_after_seconds"].get<int>(), 60) << contest.dump();
  const AdminRun unfroze = arenaAdmin("contest-unfreeze " + id);
  EXPECT_EQ(unfroze.exitCode, 0) << unfroze.output;
  const fs::path csv = work / "results.csv";
  const fs::path page = work / "scoreboard.html";
  const AdminRun exported = arenaAdmin("contest-export " + id + " --out " + csv.string() +
                                       " --html " + page.string());
  EXPECT_EQ(exported.exitCode, 0) << exported.output;
  EXPECT_EQ(slurp(csv).substr(0, 10), "rank,team_");
  const std::string html = slurp(page);
  EXPECT_EQ(html.substr(0, 15), "<!doctype html>");
  EXPECT_NE(html.find("<h1>Admin cup</h1>"), std::string::npos) << html;
}

TEST_P(ArenaAdminTest, RevealsAFrozenBoardFromTheTerminalOnlyAfterTheEnd) {
  const auto problem = http().get("/api/problems/sum-of-two").json();
  const auto contestFrom = [&](const std::string& name, arena::Timestamp startsAt) {
    const fs::path spec = work / (name + ".json");  // arenaAdmin splits at spaces
    std::ofstream(spec) << nlohmann::json{{"name", name},
                                          {"starts_at", arena::formatTimestamp(startsAt)},
                                          {"duration_seconds", 3600},
                                          {"freeze_after_seconds", 3000},
                                          {"rules", "icpc"},
                                          {"problems", {{{"problem_id", problem["id"]},
                                                         {"label", "A"}}}}}
                               .dump();
    const AdminRun created = arenaAdmin("contest-create " + spec.string());
    EXPECT_EQ(created.exitCode, 0) << created.output;
    return numberAfter(created.output, "created contest ");
  };
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());

  const std::string running = contestFrom("Running-cup", now - std::chrono::minutes(10));
  const AdminRun early = arenaAdmin("contest-reveal " + running);
  EXPECT_EQ(early.exitCode, 1) << early.output;
  EXPECT_NE(early.output.find("HTTP 409"), std::string::npos) << early.output;
  EXPECT_NE(early.output.find("has not ended"), std::string::npos) << early.output;

  const std::string ended = contestFrom("Ended-cup", now - std::chrono::hours(2));
  EXPECT_EQ(arenaAdmin("contest-reveal " + ended + " --steps none").exitCode, 2);
  const AdminRun revealed = arenaAdmin("contest-reveal " + ended + " --steps all");
  EXPECT_EQ(revealed.exitCode, 0) << revealed.output;
  EXPECT_NE(revealed.output.find("nothing left to reveal"), std::string::npos) << revealed.output;
  EXPECT_NE(revealed.output.find("contest " + ended + " unfrozen"), std::string::npos)
      << revealed.output;
  const auto contest = http().get("/api/contests/" + ended, admin.accessToken).json();
  EXPECT_FALSE(contest.value("unfrozen_at", nlohmann::json()).is_null()) << contest.dump();
  const AdminRun again = arenaAdmin("contest-reveal " + ended);
  EXPECT_EQ(again.exitCode, 1) << "an unfrozen board has nothing to reveal: " << again.output;
}

TEST_P(ArenaAdminTest, WrongPasswordsAndUsageErrorsExitNonZero) {
  const AdminRun refused = arenaAdmin("status", "not-the-password");
  EXPECT_EQ(refused.exitCode, 1);
  EXPECT_NE(refused.output.find("login as 'admin' failed"), std::string::npos) << refused.output;
  const AdminRun unknown = arenaAdmin("frobnicate");
  EXPECT_EQ(unknown.exitCode, 2);
  EXPECT_NE(unknown.output.find("unknown command 'frobnicate'"), std::string::npos);
  const AdminRun noTarget = arenaAdmin("rejudge");
  EXPECT_EQ(noTarget.exitCode, 2);
}

ARENA_STORAGE_BACKENDS(ArenaAdminTest);

}  // namespace
}  // namespace arena::server::testing
