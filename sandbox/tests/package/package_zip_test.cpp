// Zips made at test time with libzip: the DOMjudge fixture (tests/problems/primecount) zipped
// as DOMjudge exports it, a Kattis zip that wraps the package in a directory, and hostile
// archives that must be refused before anything is written.

#include "arena/judge/package_zip.hpp"

#include <map>

#include <sys/stat.h>
#include <zip.h>

#include <gtest/gtest.h>

#include "package_test_support.hpp"

namespace arena::judge {
namespace {

namespace fs = std::filesystem;
using model::Verdict;
using testing::makeZip;
using testing::TempDir;
using testing::ZipSpec;

// Nothing at all may have been left in or around the destination.
void expectNothingWritten(const fs::path& scratch, const fs::path& destination) {
  if (fs::exists(destination)) {
    EXPECT_TRUE(fs::is_empty(destination));
  }
  EXPECT_FALSE(fs::exists(scratch / "evil.txt"));
  EXPECT_FALSE(fs::exists("/tmp/arena-package-test-evil.txt"));
}

class HostileZipTest : public ::testing::Test {
 protected:
  fs::path zip() const { return m_temp.path() / "hostile.zip"; }
  fs::path destination() const { return m_temp.path() / "out" / "problem"; }

  std::string refused(const ZipLimits& limits = {}) {
    auto root = extractPackageZip(zip(), destination(), limits);
    expectNothingWritten(m_temp.path() / "out", destination());
    if (root) return "(extracted)";
    EXPECT_EQ(root.error().code, ErrorCode::InvalidArgument);
    return root.error().message;
  }

  static std::vector<ZipSpec> valid() {
    return {
        {"problem.yaml", "name: x\n"}, {"data/secret/1.in", "1\n"}, {"data/secret/1.ans", "1\n"}};
  }

  TempDir m_temp;
};

TEST(PackageZipTest, ReadsTheDomjudgeFixtureZippedFlat) {
  TempDir temp;
  const fs::path zip = temp.path() / "primecount.zip";
  testing::zipDirectory(testing::problemsDir() / "primecount", zip);
  auto read = readProblemPackageZip(zip, temp.path() / "extracted");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const ProblemPackage& package = *read;
  EXPECT_EQ(package.root, temp.path() / "extracted");
  EXPECT_EQ(package.shortName, "primecount");
  EXPECT_EQ(package.name, "Prime Count");
  EXPECT_EQ(package.limits.timeLimitMs, 2000);
  EXPECT_EQ(package.limits.memoryKb, 512 * 1024);
  ASSERT_TRUE(package.domjudge.has_value());
  EXPECT_EQ(package.domjudge->color, "#ff8800");
  EXPECT_EQ(package.domjudge->points, 1.0);
  EXPECT_EQ(package.domjudge->allowSubmit, true);
  ASSERT_EQ(package.statements.size(), 1u);
  EXPECT_EQ(package.statements[0].format, StatementFormat::Html);
  EXPECT_EQ(package.data.allCases().size(), 7u);

  std::map<std::string, const PackageSubmission*> byName;
  for (const PackageSubmission& s : package.submissions) byName[s.program.name] = &s;
  ASSERT_EQ(byName.size(), 6u);
  const auto* sieve = byName["submissions/accepted/sieve.cpp"];
  const auto* trial = byName["submissions/mixed/trial_division.py"];
  const auto* odd = byName["submissions/mixed/odd_trial.c"];
  const auto* twoFiles = byName["submissions/mixed/off_by_one_sieve"];
  ASSERT_TRUE(sieve && trial && odd && twoFiles);
  // In the spec's own directories the tag is ignored (DOMjudge does the same).
  EXPECT_EQ(sieve->source, ExpectationSource::Directory);
  EXPECT_EQ(trial->source, ExpectationSource::Tag);
  EXPECT_EQ(trial->expected, (std::set<Verdict>{Verdict::TimeLimitExceeded}));
  EXPECT_EQ(odd->expected, (std::set<Verdict>{Verdict::Accepted, Verdict::TimeLimitExceeded}));
  EXPECT_EQ(twoFiles->expected, (std::set<Verdict>{Verdict::RuntimeError}));
  EXPECT_TRUE(twoFiles->program.isDirectory);
  EXPECT_EQ(twoFiles->program.files.size(), 2u);
  EXPECT_EQ(twoFiles->program.language, "java");
  EXPECT_EQ(byName["submissions/wrong_answer/below_n.c"]->expected,
            (std::set<Verdict>{Verdict::WrongAnswer}));
}

TEST(PackageZipTest, AWrappingDirectoryIsThePackageRoot) {
  TempDir temp;
  const fs::path zip = temp.path() / "export.zip";
  testing::zipDirectory(testing::problemsDir() / "pairsum", zip, "pairsum/");
  auto read = readProblemPackageZip(zip, temp.path() / "x");
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(read->root, temp.path() / "x" / "pairsum");
  EXPECT_EQ(read->shortName, "pairsum");
  EXPECT_TRUE(read->outputValidator.has_value());
  EXPECT_EQ(read->data.allCases().size(), 8u);
}

TEST(PackageZipTest, MacosLitterDoesNotHideTheWrappingDirectory) {
  TempDir temp;
  const fs::path zip = temp.path() / "mac.zip";
  makeZip(zip, {{"hello/problem.yaml", "name: hello\n"},
                {"hello/data/secret/1.in", "1\n"},
                {"hello/data/secret/1.ans", "1\n"},
                {"__MACOSX/hello/._problem.yaml", "junk"}});
  auto root = extractPackageZip(zip, temp.path() / "out");
  ASSERT_TRUE(root.has_value()) << root.error().message;
  EXPECT_EQ(*root, temp.path() / "out" / "hello");
}

TEST(PackageZipTest, KeepsExecutableBitsAndInsideSymlinks) {
  TempDir temp;
  const fs::path zip = temp.path() / "p.zip";
  makeZip(zip, {{"problem.yaml", "name: p\n"},
                {"output_validators/v/build", "#!/bin/sh\n", ZipSpec::Kind::File, 0755},
                {"data/secret/1.in", "1\n"},
                {"data/secret/1.ans", "1\n"},
                {"data/secret/2.in", "1.in", ZipSpec::Kind::Symlink},
                {"data/secret/2.ans", "1.ans", ZipSpec::Kind::Symlink}});
  auto root = extractPackageZip(zip, temp.path() / "out");
  ASSERT_TRUE(root.has_value()) << root.error().message;
  struct stat info {};
  ASSERT_EQ(::stat((*root / "output_validators/v/build").c_str(), &info), 0);
  EXPECT_NE(info.st_mode & S_IXUSR, 0u);
  EXPECT_TRUE(fs::is_symlink(*root / "data/secret/2.in"));
  EXPECT_EQ(fs::read_symlink(*root / "data/secret/2.in"), "1.in");
}

TEST(PackageZipTest, RefusesANonEmptyDestinationAndNonZips) {
  TempDir temp;
  const fs::path zip = temp.path() / "p.zip";
  makeZip(zip, {{"problem.yaml", "name: p\n"}});
  testing::writeFile(temp.path() / "busy/file", "x");
  EXPECT_FALSE(extractPackageZip(zip, temp.path() / "busy").has_value());
  testing::writeFile(temp.path() / "fake.zip", "this is not a zip");
  auto fake = extractPackageZip(temp.path() / "fake.zip", temp.path() / "out");
  ASSERT_FALSE(fake.has_value());
  EXPECT_NE(fake.error().message.find("fake.zip: cannot be opened as a zip archive"),
            std::string::npos);
}

TEST_F(HostileZipTest, PathTraversal) {
  auto entries = valid();
  entries.push_back({"../evil.txt", "pwned"});
  makeZip(zip(), entries);
  EXPECT_EQ(refused(), "hostile.zip: entry '../evil.txt' escapes the package with '..'");
}

TEST_F(HostileZipTest, TraversalInTheMiddleOfAPath) {
  auto entries = valid();
  entries.push_back({"data/../../evil.txt", "pwned"});
  makeZip(zip(), entries);
  EXPECT_NE(refused().find("escapes the package"), std::string::npos);
}

TEST_F(HostileZipTest, AbsolutePath) {
  auto entries = valid();
  entries.push_back({"/tmp/arena-package-test-evil.txt", "pwned"});
  makeZip(zip(), entries);
  EXPECT_NE(refused().find("is an absolute path"), std::string::npos);
}

TEST_F(HostileZipTest, SymlinkOutOfThePackage) {
  auto entries = valid();
  entries.push_back({"data/secret/2.in", "../../../../etc/passwd", ZipSpec::Kind::Symlink});
  makeZip(zip(), entries);
  EXPECT_NE(refused().find("symlink 'data/secret/2.in' -> '../../../../etc/passwd' points out"),
            std::string::npos);
}

TEST_F(HostileZipTest, AbsoluteSymlink) {
  auto entries = valid();
  entries.push_back({"data/secret/2.in", "/etc/passwd", ZipSpec::Kind::Symlink});
  makeZip(zip(), entries);
  EXPECT_NE(refused().find("points to an absolute path"), std::string::npos);
}

TEST_F(HostileZipTest, SymlinkDirectoryThenWriteThroughIt) {
  // The classic: a link to a directory outside, then a file "inside" the link.
  auto entries = valid();
  entries.push_back({"escape", "..", ZipSpec::Kind::Symlink});
  entries.push_back({"escape/evil.txt", "pwned"});
  makeZip(zip(), entries);
  EXPECT_NE(refused().find("escape"), std::string::npos);
}

TEST_F(HostileZipTest, DecompressionBombByRatio) {
  auto entries = valid();
  entries.push_back({"data/secret/big.in", std::string(32 * 1024 * 1024, '0')});
  makeZip(zip(), entries);
  const std::string message = refused();
  EXPECT_NE(message.find("entry 'data/secret/big.in' has a compression ratio of"),
            std::string::npos)
      << message;
}

TEST_F(HostileZipTest, DecompressionBombByTotalSize) {
  auto entries = valid();
  for (int i = 0; i < 8; ++i) {
    entries.push_back({"data/secret/f" + std::to_string(i) + ".txt", std::string(64 * 1024, 'x'),
                       ZipSpec::Kind::File, 0, true});
  }
  makeZip(zip(), entries);
  ZipLimits limits;
  limits.maxTotalBytes = 256 * 1024;
  EXPECT_NE(refused(limits).find("would unpack to more than 262144 bytes in total"),
            std::string::npos);
}

TEST_F(HostileZipTest, EntryLargerThanThePerEntryLimit) {
  auto entries = valid();
  entries.push_back(
      {"data/secret/2.in", std::string(100 * 1024, 'y'), ZipSpec::Kind::File, 0, true});
  makeZip(zip(), entries);
  ZipLimits limits;
  limits.maxEntryBytes = 64 * 1024;
  EXPECT_NE(refused(limits).find("more than the per-entry limit"), std::string::npos);
}

TEST_F(HostileZipTest, TooManyEntries) {
  std::vector<ZipSpec> entries = valid();
  for (int i = 0; i < 50; ++i) entries.push_back({"data/secret/x" + std::to_string(i), "1\n"});
  makeZip(zip(), entries);
  ZipLimits limits;
  limits.maxEntries = 20;
  EXPECT_EQ(refused(limits), "hostile.zip: has 53 entries, more than the limit of 20");
}

TEST_F(HostileZipTest, BackslashesAndDuplicates) {
  makeZip(zip(), {{"problem.yaml", "name: x\n"}, {"data\\..\\..\\evil.txt", "pwned"}});
  EXPECT_NE(refused().find("contains a backslash"), std::string::npos);
}

TEST_F(HostileZipTest, DeviceEntries) {
  auto entries = valid();
  entries.push_back({"data/fifo", "", ZipSpec::Kind::File, 0});
  makeZip(zip(), entries);
  // Rewrite the last entry's mode as a FIFO.
  int error = 0;
  zip_t* archive = zip_open(zip().c_str(), 0, &error);
  ASSERT_NE(archive, nullptr);
  zip_file_set_external_attributes(archive, 3, 0, ZIP_OPSYS_UNIX,
                                   static_cast<zip_uint32_t>((S_IFIFO | 0644u) << 16));
  ASSERT_EQ(zip_close(archive), 0);
  EXPECT_NE(refused().find("is a device, fifo or socket"), std::string::npos);
}

}  // namespace
}  // namespace arena::judge
