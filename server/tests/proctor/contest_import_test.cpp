// `arena-admin contest-import` against a real arena-server: a contest package (contest.yaml and
// problems.yaml in the CCS Contest Package Format, problems as Kattis package directories) as a
// directory and as a zip becomes a contest with its problems labelled and coloured; a malformed
// archive is refused before anything is sent; a problem the server refuses mid-way leaves no
// contest and deactivates the problems imported before it.
//
// The archives are generated here from the bundled sample packages (server/samples), so the test
// does not carry copies of them.

#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <filesystem>
#include <fstream>

#include "admin_runner.hpp"
#include "server_test.hpp"

namespace arena::server::testing {
namespace {

namespace fs = std::filesystem;

class ContestImportTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ::setenv("ARENA_SANDBOX_UID", "560000", 1);
    startServer(/*judges=*/0);  // importing judges nothing
    admin = loginAdmin();
    work = fs::path(dataDir()).parent_path() / "import-work";
    fs::create_directories(work);
  }

  AdminRun arenaAdmin(const std::string& arguments) {
    return runArenaAdmin(server().port(), server().adminPassword(), arguments);
  }

  // The spec's example layout: contest.yaml, problems.yaml, one problem at the top level and one
  // under problems/ (both places are read).
  fs::path writeArchive(const std::string& name, const std::string& problemsYaml,
                        const std::string& contestYaml = kContestYaml) {
    const fs::path root = work / name;
    fs::create_directories(root / "problems");
    std::ofstream(root / "contest.yaml") << contestYaml;
    std::ofstream(root / "problems.yaml") << problemsYaml;
    const fs::path samples = fs::path(ARENA_SOURCE_DIR) / "server/samples";
    fs::copy(samples / "sum-of-two", root / "archive-sum", fs::copy_options::recursive);
    fs::copy(samples / "reverse-words", root / "problems" / "archive_words",
             fs::copy_options::recursive);
    return root;
  }

  static void zipDirectory(const fs::path& dir, const fs::path& zip) {
    std::ofstream out(zip, std::ios::binary);
    Poco::Zip::Compress compress(out, true);
    Poco::Path root(dir.string());
    root.makeDirectory();
    // Wrapped in one top-level directory, as `zip -r contest.zip contest/` makes it.
    compress.addRecursive(root, Poco::Zip::ZipCommon::CL_NORMAL, false,
                          Poco::Path(dir.filename().string()).makeDirectory());
    compress.close();
  }

  nlohmann::json contests() {
    return http().get("/api/contests", admin.accessToken).json()["contests"];
  }

  static constexpr const char* kContestYaml =
      "id: spring-finals\n"
      "name: Spring Finals\n"
      "formal_name: The Spring Finals of the Lab\n"
      "start_time: 2030-06-25T10:00:00+01\n"
      "duration: 5:00:00\n"
      "scoreboard_freeze_duration: 1:00:00\n"
      "scoreboard_type: pass-fail\n"
      "penalty_time: 20\n";
  static constexpr const char* kProblemsYaml =
      "- id: archive-sum\n"
      "  label: A\n"
      "  name: Sum of Two\n"
      "  ordinal: 1\n"
      "  color: blue\n"
      "  rgb: '#00f'\n"
      "- short-name: archive_words\n"
      "  label: B\n"
      "  color: gray\n"
      "  rgb: '#808080'\n";

  Account admin;
  fs::path work;
};

TEST_P(ContestImportTest, ImportsADirectoryArchiveAsALabelledColouredContest) {
  const fs::path archive = writeArchive("spring", kProblemsYaml);
  const AdminRun run = arenaAdmin("contest-import " + archive.string());
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_NE(run.output.find("imported problem A 'archive-sum'"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("imported problem B 'archive-words'"), std::string::npos) << run.output;
  const std::string id = numberAfter(run.output, "created contest ");
  ASSERT_FALSE(id.empty()) << run.output;

  const auto contest = http().get("/api/contests/" + id, admin.accessToken).json();
  EXPECT_EQ(contest["name"], "Spring Finals");
  EXPECT_EQ(contest["starts_at"], "2030-06-25T09:00:00.000Z");  // +01 is an hour ahead of UTC
  EXPECT_EQ(contest["duration_seconds"], 5 * 3600);
  EXPECT_EQ(contest["freeze_after_seconds"], 4 * 3600);  // frozen for the last hour
  EXPECT_EQ(contest["rules"], "icpc");
  const auto sum = http().get("/api/problems/archive-sum").json();
  const auto words = http().get("/api/problems/archive-words").json();
  ASSERT_EQ(contest["problems"].size(), 2u) << contest.dump();
  EXPECT_EQ(contest["problems"][0],
            (nlohmann::json{{"problem_id", sum["id"]}, {"label", "A"}, {"color", "#0000ff"}}));
  EXPECT_EQ(contest["problems"][1],
            (nlohmann::json{{"problem_id", words["id"]}, {"label", "B"}, {"color", "#808080"}}));
}

TEST_P(ContestImportTest, ImportsAZippedArchiveWithTheStartGivenOnTheCommandLine) {
  const std::string noStart =
      "name: Zipped Cup\nstart_time: null\nduration: 2:00:00\nscoreboard_freeze_duration: 0:30:00\n";
  const fs::path archive = writeArchive("zipped", kProblemsYaml, noStart);
  const fs::path zip = work / "zipped.zip";
  zipDirectory(archive, zip);

  const AdminRun missingStart = arenaAdmin("contest-import " + zip.string());
  EXPECT_EQ(missingStart.exitCode, 2) << missingStart.output;
  EXPECT_NE(missingStart.output.find("give --starts-at"), std::string::npos) << missingStart.output;
  EXPECT_EQ(contests().size(), 0u);

  const AdminRun run =
      arenaAdmin("contest-import " + zip.string() + " --starts-at 2031-01-02T03:04:05Z");
  ASSERT_EQ(run.exitCode, 0) << run.output;
  const std::string id = numberAfter(run.output, "created contest ");
  ASSERT_FALSE(id.empty()) << run.output;
  const auto contest = http().get("/api/contests/" + id, admin.accessToken).json();
  EXPECT_EQ(contest["name"], "Zipped Cup");
  EXPECT_EQ(contest["starts_at"], "2031-01-02T03:04:05.000Z");
  EXPECT_EQ(contest["freeze_after_seconds"], 90 * 60);
  EXPECT_EQ(contest["problems"].size(), 2u);
}

TEST_P(ContestImportTest, AMalformedArchiveIsRefusedBeforeAnythingIsImported) {
  // A problem whose package directory is not in the archive.
  const fs::path missing = writeArchive(
      "missing", std::string(kProblemsYaml) + "- id: ghost\n  label: C\n  rgb: '#ff0000'\n");
  AdminRun run = arenaAdmin("contest-import " + missing.string());
  EXPECT_EQ(run.exitCode, 1) << run.output;
  EXPECT_NE(run.output.find("nothing was imported"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("problems.yaml: problem 3: no package directory ghost/"),
            std::string::npos)
      << run.output;

  // A duration that is not h:mm:ss.
  const fs::path badDuration =
      writeArchive("bad-duration", kProblemsYaml, "name: Cup\nduration: five hours\n");
  run = arenaAdmin("contest-import " + badDuration.string());
  EXPECT_EQ(run.exitCode, 1) << run.output;
  EXPECT_NE(run.output.find("contest.yaml: duration: 'five hours' is not h:mm:ss"),
            std::string::npos)
      << run.output;

  // A problem package the judge's reader refuses (no test data at all).
  const fs::path broken = writeArchive("broken", kProblemsYaml);
  fs::remove_all(broken / "archive-sum" / "data");
  run = arenaAdmin("contest-import " + broken.string());
  EXPECT_EQ(run.exitCode, 1) << run.output;
  EXPECT_NE(run.output.find("problem archive-sum: "), std::string::npos) << run.output;

  // Two problems with one label, and no contest.yaml at all.
  const fs::path twice = writeArchive(
      "twice", "- id: archive-sum\n  label: A\n- id: archive_words\n  label: A\n");
  run = arenaAdmin("contest-import " + twice.string());
  EXPECT_NE(run.output.find("label 'A' is used twice"), std::string::npos) << run.output;
  fs::remove(twice / "contest.yaml");
  run = arenaAdmin("contest-import " + twice.string());
  EXPECT_NE(run.output.find("contest.yaml is missing"), std::string::npos) << run.output;
  run = arenaAdmin("contest-import " + (work / "no-such-archive").string());
  EXPECT_EQ(run.exitCode, 1) << run.output;

  EXPECT_EQ(contests().size(), 0u);
  EXPECT_EQ(http().get("/api/problems/archive-sum").status, 404);
  EXPECT_EQ(http().get("/api/problems/archive-words").status, 404);
}

TEST_P(ContestImportTest, AProblemTheServerRefusesLeavesNoContestAndDeactivatesTheOthers) {
  // The second problem's slug is a bundled sample's: the server refuses it after the first one
  // was imported.
  const fs::path archive = writeArchive(
      "clash", "- id: archive-sum\n  label: A\n- id: sum-of-two\n  label: B\n");
  fs::copy(fs::path(ARENA_SOURCE_DIR) / "server/samples/sum-of-two", archive / "sum-of-two",
           fs::copy_options::recursive);
  const AdminRun run = arenaAdmin("contest-import " + archive.string());
  EXPECT_EQ(run.exitCode, 1) << run.output;
  EXPECT_NE(run.output.find("problem sum-of-two was refused"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("no contest was created and the 1 problem(s) imported before were "
                            "deactivated"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(contests().size(), 0u);
  EXPECT_EQ(http().get("/api/problems/archive-sum").status, 404);  // deactivated: hidden
  EXPECT_EQ(http().get("/api/problems/sum-of-two").status, 200);   // the sample is untouched
}

ARENA_STORAGE_BACKENDS(ContestImportTest);

}  // namespace
}  // namespace arena::server::testing
