// Importing problem packages: a real fixture zipped at test time, hostile zips that must be
// refused with nothing written, and the bundled samples loaded once and only once.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "features/problems/package_import.hpp"
#include "features/problems/problem_service.hpp"
#include "features/problems/sample_loader.hpp"
#include "package_test_support.hpp"
#include "storage_fixture.hpp"

namespace arena::server::problems {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using storage::testing::StorageTest;
namespace pkg = judge::testing;

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string zipOf(const fs::path& dir, const std::string& prefix = "") {
  pkg::TempDir temp;
  const fs::path zip = temp.path() / "package.zip";
  pkg::zipDirectory(dir, zip, prefix);
  return readAll(zip);
}

std::string zipWith(const std::vector<pkg::ZipSpec>& entries) {
  pkg::TempDir temp;
  const fs::path zip = temp.path() / "package.zip";
  pkg::makeZip(zip, entries);
  return readAll(zip);
}

class ProblemImportTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) {
      return;
    }
    m_service = std::make_unique<ProblemService>(
        storage().problems(),
        [this](const storage::ProblemRecord& record, const fs::path& dir) -> Result<void> {
          installed.push_back({record.problem.slug, fs::exists(dir / "problem.yaml")});
          return {};
        },
        m_temp.path());
  }
  ProblemService& service() { return *m_service; }
  std::size_t problemCount() {
    storage::ProblemFilter all;
    all.activeOnly = false;
    auto list = storage().problems().list(all);
    EXPECT_TRUE(list.has_value());
    return list ? list->size() : 0;
  }
  // The import's temporary directories are all gone afterwards.
  bool tempRootIsEmpty() const { return fs::is_empty(m_temp.path()); }

  struct Installed {
    std::string slug;
    bool hadPackage = false;
  };
  std::vector<Installed> installed;

 private:
  pkg::TempDir m_temp;
  std::unique_ptr<ProblemService> m_service;
};

TEST_P(ProblemImportTest, ZippedLegacyPackageBecomesAProblem) {
  ImportOptions options;
  options.difficulty = model::Difficulty::Hard;
  // Wrapped in a directory, as an exported package usually is: its name is the short name.
  auto record = service().importZip(zipOf(pkg::problemsDir() / "pairsum", "pairsum/"), options);
  ASSERT_TRUE(record.has_value()) << record.error().message;
  EXPECT_EQ(record->problem.slug, "pairsum");
  EXPECT_EQ(record->problem.title, "Pair Sum");
  EXPECT_EQ(record->problem.difficulty, model::Difficulty::Hard);
  EXPECT_EQ(record->problem.limits.timeLimitMs, 1000);          // its .timelimit
  EXPECT_EQ(record->problem.limits.memoryLimitKb, 256 * 1024);  // memory: 256 (MiB)
  EXPECT_NE(record->problem.description.find("LaTeX"), std::string::npos);

  auto tests = storage().problems().listTestCases(record->problem.id, storage::TestCaseScope::All);
  ASSERT_TRUE(tests.has_value());
  // 2 samples + 4 small + 2 large, samples first as the judge runs them.
  ASSERT_EQ(tests->size(), 8u);
  EXPECT_TRUE((*tests)[0].isPublic);
  EXPECT_TRUE((*tests)[1].isPublic);
  for (std::size_t i = 2; i < tests->size(); ++i) EXPECT_FALSE((*tests)[i].isPublic) << i;
  EXPECT_EQ((*tests)[0].input, readAll(pkg::problemsDir() / "pairsum/data/sample/1.in"));
  EXPECT_EQ((*tests)[2].expectedOutput,
            readAll(pkg::problemsDir() / "pairsum/data/secret/01-small/01-single.ans"));

  ASSERT_EQ(installed.size(), 1u);
  EXPECT_EQ(installed[0].slug, "pairsum");
  EXPECT_TRUE(installed[0].hadPackage);
  EXPECT_TRUE(tempRootIsEmpty());

  // The public document carries the samples and nothing hidden.
  auto bytes = service().get("pairsum");
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(json::parse(**bytes)["samples"].size(), 2u);
  EXPECT_EQ((*bytes)->find((*tests)[2].input), std::string::npos);
}

TEST_P(ProblemImportTest, MarkdownStatementBecomesTheDescription) {
  ImportOptions options;
  options.slug = "inv";
  auto record = service().importZip(zipOf(pkg::problemsDir() / "inversions"), options);
  ASSERT_TRUE(record.has_value()) << record.error().message;
  EXPECT_EQ(record->problem.slug, "inv");
  EXPECT_EQ(record->problem.title, "Inversions");
  EXPECT_EQ(record->problem.difficulty, model::Difficulty::Medium);  // the default
  EXPECT_EQ(record->problem.description,
            readAll(pkg::problemsDir() / "inversions/statement/problem.en.md"));
  EXPECT_EQ(record->problem.limits.timeLimitMs, 1000);
}

TEST_P(ProblemImportTest, TakenSlugIsAConflictAndWritesNothing) {
  ImportOptions options;
  options.slug = "pairsum";
  ASSERT_TRUE(service().importZip(zipOf(pkg::problemsDir() / "pairsum"), options).has_value());
  auto again = service().importZip(zipOf(pkg::problemsDir() / "pairsum"), options);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_EQ(problemCount(), 1u);
  EXPECT_EQ(installed.size(), 1u);
}

TEST_P(ProblemImportTest, HostileZipsAreRefusedWithNothingWritten) {
  const std::string yaml =
      "problem_format_version: 2025-09\nname: Evil\nlimits:\n  time_limit: 1\n";
  // What each must be refused for (a fragment of the message), so none passes by accident.
  struct Hostile {
    const char* what;
    std::string bytes;
    const char* reason;
  };
  const std::vector<Hostile> hostile = {
      {"not a zip", "this is plain text, not a zip archive", "uploaded-package.zip"},
      {"empty-ish", std::string(22, '\0'), "uploaded-package.zip"},
      {"path traversal",
       zipWith({{"problem.yaml", yaml},
                {"data/secret/1.in", "1\n"},
                {"data/secret/1.ans", "1\n"},
                {"../../escaped.txt", "gotcha"}}),
       "'..'"},
      {"absolute path", zipWith({{"problem.yaml", yaml}, {"/tmp/arena-absolute.txt", "gotcha"}}),
       "absolute"},
      {"symlink out",
       zipWith({{"problem.yaml", yaml},
                {"data/secret/1.in", "/etc/passwd", pkg::ZipSpec::Kind::Symlink},
                {"data/secret/1.ans", "1\n"}}),
       "points to an absolute path"},
      {"no tests", zipWith({{"problem.yaml", yaml}}), "data"},
  };
  for (const auto& [what, bytes, reason] : hostile) {
    ImportOptions options;
    options.slug = "evil";
    auto result = service().importZip(bytes, options);
    ASSERT_FALSE(result.has_value()) << what;
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument)
        << what << ": " << result.error().message;
    EXPECT_NE(result.error().message.find(reason), std::string::npos)
        << what << ": " << result.error().message;
    EXPECT_EQ(problemCount(), 0u) << what;
    EXPECT_TRUE(installed.empty()) << what;
    EXPECT_TRUE(tempRootIsEmpty()) << what;
  }
  EXPECT_FALSE(fs::exists("/tmp/arena-absolute.txt"));
}

TEST_P(ProblemImportTest, BadSlugOptionIsRefused) {
  ImportOptions options;
  options.slug = "Not A Slug";
  auto result = service().importZip(zipOf(pkg::problemsDir() / "pairsum"), options);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_EQ(problemCount(), 0u);
}

TEST_P(ProblemImportTest, SamplesLoadOnceInOrder) {
  auto first = loadSamples(service(), ARENA_SAMPLES_DIR);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  std::ifstream listFile(fs::path(ARENA_SAMPLES_DIR) / "samples.json");
  const json list = json::parse(listFile);
  EXPECT_GE(list.size(), 6u);
  EXPECT_EQ(*first, static_cast<int>(list.size()));

  storage::ProblemFilter all;
  auto rows = storage().problems().list(all);
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const storage::ProblemRecord& row = (*rows)[i];  // ordered by id: load order
    EXPECT_EQ(row.problem.slug, list[i]["slug"]);
    EXPECT_EQ(model::enumName(row.problem.difficulty), list[i]["difficulty"].get<std::string>());
    EXPECT_NE(row.problem.description.find('$'), std::string::npos) << row.problem.slug;
    auto tests = storage().problems().listTestCases(row.problem.id, storage::TestCaseScope::All);
    ASSERT_TRUE(tests.has_value());
    std::size_t samples = 0;
    for (const model::TestCase& test : *tests) samples += test.isPublic ? 1 : 0;
    EXPECT_GE(samples, 2u) << row.problem.slug;
    EXPECT_GE(tests->size() - samples, 8u) << row.problem.slug;
  }

  auto second = loadSamples(service(), ARENA_SAMPLES_DIR);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(*second, 0);
  EXPECT_EQ(problemCount(), list.size());
}

TEST_P(ProblemImportTest, DeactivatedSampleIsNotReloaded) {
  ASSERT_TRUE(loadSamples(service(), ARENA_SAMPLES_DIR).has_value());
  ASSERT_TRUE(service().deactivate("sum-of-two").has_value());
  auto again = loadSamples(service(), ARENA_SAMPLES_DIR);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);
  EXPECT_FALSE(service().get("sum-of-two").has_value());
}

ARENA_STORAGE_BACKENDS(ProblemImportTest);

TEST(SanitizeSlugTest, KeepsOnlySlugCharacters) {
  EXPECT_EQ(sanitizeSlug("Pair Sum!"), "pair-sum");
  EXPECT_EQ(sanitizeSlug("  --A__B--  "), "a-b");
  EXPECT_EQ(sanitizeSlug("../../etc"), "etc");
  EXPECT_EQ(sanitizeSlug("\xC3\xA9t\xC3\xA9"), "t");
  EXPECT_EQ(sanitizeSlug("!!!"), "");
  EXPECT_EQ(sanitizeSlug(std::string(100, 'x')).size(), 64u);
}

}  // namespace
}  // namespace arena::server::problems
