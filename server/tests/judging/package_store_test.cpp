// PackageStore: problems written out from their rows read back with the judge's own reader
// (limits, test order, sample/secret split), revisions, installing an imported package, and
// concurrent first use.

#include "features/judging/package_store.hpp"

#include <barrier>
#include <thread>

#include <gtest/gtest.h>

#include "judging_test_support.hpp"

namespace arena::server::judging {
namespace {

namespace fs = std::filesystem;
using testing::makeProblem;
using testing::readText;
using testing::TestRow;

class PackageStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = judge::TempDir::create(fs::temp_directory_path(), "package-store-test-",
                                      judge::kTraversable);
    ASSERT_TRUE(dir) << dir.error().message;
    m_dir.emplace(std::move(*dir));
    m_storage = testing::openStorage(m_dir->path());
    ASSERT_NE(m_storage, nullptr);
    m_store = std::make_unique<PackageStore>(m_storage->problems(), root());
  }

  fs::path root() const { return m_dir->path() / "packages"; }

  // Directory names under the root, sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(root())) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::optional<judge::TempDir> m_dir;
  std::unique_ptr<storage::Storage> m_storage;
  std::unique_ptr<PackageStore> m_store;
};

TEST_F(PackageStoreTest, RowsBecomeAPackageWithTheProblemsLimitsAndTestsInOrdinalOrder) {
  // Twelve tests: names must sort as numbers past 9, and public ones become samples.
  std::vector<TestRow> rows;
  for (int i = 1; i <= 12; ++i) {
    rows.push_back({"in " + std::to_string(i) + "\n", "out " + std::to_string(i) + "\n", i <= 2});
  }
  const auto id = makeProblem(*m_storage, "twelve", rows, {1500, 131072, 2048});
  auto package = m_store->packageFor(id);
  ASSERT_TRUE(package) << package.error().message;
  const judge::ProblemPackage& p = **package;

  EXPECT_EQ(p.root, root() / (std::to_string(id) + "-r2"));  // create + replaceTestCases
  EXPECT_EQ(p.name, "Problem twelve");
  EXPECT_EQ(p.shortName, "twelve");
  EXPECT_FALSE(p.type.scoring);
  EXPECT_FALSE(p.outputValidator.has_value());
  EXPECT_EQ(p.limits.timeLimitMs, 1500);  // explicit: the judge must not infer one
  EXPECT_EQ(p.limits.memoryKb, 131072);
  EXPECT_EQ(p.limits.outputKb, 2048);
  // Only the judge solutions a package from rows cannot have.
  for (const auto& warning : p.warnings) {
    EXPECT_NE(warning.find("submissions/"), std::string::npos) << warning;
  }

  const auto cases = p.data.allCases();
  ASSERT_EQ(cases.size(), 12U);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const int ordinal = static_cast<int>(i) + 1;
    EXPECT_EQ(cases[i]->isSample, ordinal <= 2) << cases[i]->name;
    EXPECT_EQ(readText(cases[i]->input), "in " + std::to_string(ordinal) + "\n") << i;
    EXPECT_EQ(readText(cases[i]->answer), "out " + std::to_string(ordinal) + "\n") << i;
  }
  EXPECT_EQ(cases[0]->name, "sample/001");
  EXPECT_EQ(cases[2]->name, "secret/003");
  EXPECT_EQ(cases[11]->name, "secret/012");
}

TEST_F(PackageStoreTest, PublicTestsAfterHiddenOnesAreStillJudgedFirstAsSamples) {
  const auto id = makeProblem(
      *m_storage, "mixed", {{"h1\n", "a\n", false}, {"p2\n", "b\n", true}, {"h3\n", "c\n", false}});
  auto package = m_store->packageFor(id);
  ASSERT_TRUE(package) << package.error().message;
  const auto cases = (*package)->data.allCases();
  ASSERT_EQ(cases.size(), 3U);
  EXPECT_EQ(cases[0]->name, "sample/002");
  EXPECT_EQ(cases[1]->name, "secret/001");
  EXPECT_EQ(cases[2]->name, "secret/003");
}

TEST_F(PackageStoreTest, LimitsThatAreNotWholeMebibytesRoundUpAndOddTitlesSurvive) {
  model::Problem problem;
  problem.slug = "odd";
  problem.title = "Quotes \" and 'single', colon: # hash\n\\ back \xc3\xa9t\xc3\xa9";
  problem.description = "---\nnot: yaml\n";
  problem.limits = {1, 1000, 1};
  auto created = m_storage->problems().create(problem);
  ASSERT_TRUE(created) << created.error().message;
  ASSERT_TRUE(m_storage->problems().replaceTestCases(
      created->problem.id, std::vector<model::TestCase>{{0, 0, "1\n", "1\n", false}}));
  auto package = m_store->packageFor(created->problem.id);
  ASSERT_TRUE(package) << package.error().message;
  EXPECT_EQ((*package)->name, problem.title);
  EXPECT_EQ((*package)->limits.timeLimitMs, 1);
  EXPECT_EQ((*package)->limits.memoryKb, 1024);  // never below what the row asked for
  EXPECT_EQ((*package)->limits.outputKb, 1024);
  EXPECT_EQ((*package)->data.allCases().size(), 1U);
}

TEST_F(PackageStoreTest, OnlyPublicTestsAreAllJudgedAsSecretCasesAndNoTestsIsRefused) {
  const auto id = makeProblem(*m_storage, "open", {{"1\n", "1\n", true}, {"2\n", "2\n", true}});
  auto package = m_store->packageFor(id);
  ASSERT_TRUE(package) << package.error().message;
  const auto cases = (*package)->data.allCases();
  ASSERT_EQ(cases.size(), 2U);
  EXPECT_EQ(cases[0]->name, "secret/001");
  EXPECT_EQ(cases[1]->name, "secret/002");

  const auto empty = makeProblem(*m_storage, "empty", {});
  auto none = m_store->packageFor(empty);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, ErrorCode::InvalidArgument) << none.error().message;
}

TEST_F(PackageStoreTest, ANewRevisionGetsANewDirectoryAndTheOldOneStays) {
  const auto id = makeProblem(*m_storage, "rev", {{"1\n", "1\n", true}});
  auto first = m_store->packageFor(id);
  ASSERT_TRUE(first) << first.error().message;
  auto again = m_store->packageFor(id);
  ASSERT_TRUE(again);
  EXPECT_EQ(first->get(), again->get()) << "cached";

  std::vector<model::TestCase> tests{{0, 0, "2\n", "2\n", false}, {0, 0, "3\n", "3\n", false}};
  ASSERT_TRUE(m_storage->problems().replaceTestCases(id, tests));
  auto second = m_store->packageFor(id);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_NE((*second)->root, (*first)->root);
  EXPECT_EQ((*second)->data.allCases().size(), 2U);
  // The first revision's package is untouched on disk and still usable by a judge holding it.
  EXPECT_EQ((*first)->data.allCases().size(), 1U);
  EXPECT_EQ(readText((*first)->data.allCases()[0]->input), "1\n");

  auto record = m_storage->problems().findById(id);
  ASSERT_TRUE(record);
  auto changed = record->problem;
  changed.limits.timeLimitMs = 4000;
  ASSERT_TRUE(m_storage->problems().update(changed));
  auto third = m_store->packageFor(id);
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_EQ((*third)->limits.timeLimitMs, 4000);
  const std::string prefix = std::to_string(id) + "-r";
  EXPECT_EQ(entries(), (std::vector<std::string>{prefix + "2", prefix + "3", prefix + "4"}));
}

TEST_F(PackageStoreTest, AnUnknownProblemIsNotFound) {
  auto package = m_store->packageFor(424242);
  ASSERT_FALSE(package);
  EXPECT_EQ(package.error().code, ErrorCode::NotFound);
}

TEST_F(PackageStoreTest, InstallCopiesAnImportedPackageWithoutItsSymlinks) {
  // A copy of the pairsum fixture with two hostile symlinks added.
  const fs::path upload = m_dir->path() / "upload" / "pairsum";
  fs::create_directories(upload.parent_path());
  fs::copy(ARENA_TEST_PROBLEMS_DIR "/pairsum", upload, fs::copy_options::recursive);
  fs::create_symlink("/etc/shadow", upload / "problem_statement" / "shadow.txt");
  fs::create_directory_symlink("/etc", upload / "data" / "etc");

  const auto id = makeProblem(*m_storage, "pairsum", {});
  auto record = m_storage->problems().findById(id);
  ASSERT_TRUE(record);
  auto installed = m_store->install(*record, upload);
  ASSERT_TRUE(installed) << installed.error().message;

  const fs::path target = root() / (std::to_string(id) + "-r" + std::to_string(record->revision));
  EXPECT_FALSE(fs::exists(fs::symlink_status(target / "problem_statement" / "shadow.txt")));
  EXPECT_FALSE(fs::exists(fs::symlink_status(target / "data" / "etc")));

  auto package = m_store->packageFor(id);
  ASSERT_TRUE(package) << package.error().message;
  EXPECT_EQ((*package)->root, target);
  EXPECT_EQ((*package)->name, "Pair Sum");
  EXPECT_TRUE((*package)->outputValidator.has_value()) << "installed as it came";
  auto original = judge::readProblemPackage(ARENA_TEST_PROBLEMS_DIR "/pairsum");
  ASSERT_TRUE(original) << original.error().message;
  EXPECT_EQ((*package)->data.allCases().size(), original->data.allCases().size());
  EXPECT_EQ((*package)->limits, original->limits);

  // A revision's directory never changes once it exists.
  auto twice = m_store->install(*record, upload);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::Conflict);
}

TEST_F(PackageStoreTest, InstallRefusesWhatTheReaderRejectsAndLeavesNothingBehind) {
  const fs::path upload = m_dir->path() / "broken";
  fs::create_directories(upload / "data" / "secret");
  std::ofstream(upload / "problem.yaml") << "problem_format_version: 2025-09\nname: X\n";
  std::ofstream(upload / "data" / "secret" / "1.in") << "1\n";  // no .ans
  const auto id = makeProblem(*m_storage, "broken", {});
  auto record = m_storage->problems().findById(id);
  ASSERT_TRUE(record);
  auto installed = m_store->install(*record, upload);
  ASSERT_FALSE(installed);
  EXPECT_EQ(installed.error().code, ErrorCode::InvalidArgument) << installed.error().message;
  EXPECT_TRUE(entries().empty());

  auto missing = m_store->install(*record, m_dir->path() / "nowhere");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::InvalidArgument);
}

TEST_F(PackageStoreTest, FourThreadsAskingForANewRevisionAtOnceShareOnePackage) {
  constexpr std::size_t kThreads = 4;
  for (int round = 0; round < 5; ++round) {
    const auto id = makeProblem(*m_storage, "race-" + std::to_string(round),
                                {{"1\n", "1\n", true}, {"2\n", "2\n", false}});
    // Each thread has its own store (as separate server processes would), so every one of
    // them writes and races for the rename.
    std::vector<std::unique_ptr<PackageStore>> stores;
    for (std::size_t t = 0; t < kThreads; ++t) {
      stores.push_back(std::make_unique<PackageStore>(m_storage->problems(), root()));
    }
    std::barrier start(static_cast<std::ptrdiff_t>(kThreads));
    std::vector<Result<std::shared_ptr<const judge::ProblemPackage>>> results(kThreads);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        results[t] = stores[t]->packageFor(id);
      });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& result : results) {
      ASSERT_TRUE(result) << result.error().message;
      EXPECT_EQ((*result)->root, root() / (std::to_string(id) + "-r2"));
      EXPECT_EQ((*result)->data.allCases().size(), 2U);
    }
    // Shared between threads of one store as well.
    std::vector<std::thread> sameStore;
    std::vector<const judge::ProblemPackage*> seen(kThreads);
    for (std::size_t t = 0; t < kThreads; ++t) {
      sameStore.emplace_back([&, t] { seen[t] = m_store->packageFor(id).value().get(); });
    }
    for (auto& thread : sameStore) thread.join();
    for (std::size_t t = 1; t < kThreads; ++t) EXPECT_EQ(seen[t], seen[0]);
  }
  // Exactly one directory per problem; the losers' temporary copies are gone.
  for (const auto& name : entries()) EXPECT_NE(name.front(), '.') << name;
  EXPECT_EQ(entries().size(), 5U);
}

}  // namespace
}  // namespace arena::server::judging
