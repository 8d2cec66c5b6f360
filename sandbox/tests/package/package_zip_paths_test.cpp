// Entry names and symlink targets judged on the archive model, before anything is written.

#include "package_zip_paths.hpp"

#include <gtest/gtest.h>

namespace arena::judge::detail {
namespace {

using Kind = ArchiveEntryKind;

TEST(ZipEntryNameTest, AcceptsOrdinaryNames) {
  EXPECT_EQ(splitEntryName("data/secret/01.in").value(),
            (std::vector<std::string>{"data", "secret", "01.in"}));
  EXPECT_EQ(splitEntryName("data/").value(), (std::vector<std::string>{"data"}));
  EXPECT_EQ(splitEntryName(".timelimit").value(), (std::vector<std::string>{".timelimit"}));
}

TEST(ZipEntryNameTest, RejectsHostileNames) {
  for (const char* name : {"../evil", "data/../../evil", "/etc/passwd", "C:/x", "data\\x", "a//b",
                           "./a", "a/./b", ""}) {
    EXPECT_FALSE(splitEntryName(name).has_value()) << name;
  }
  EXPECT_FALSE(splitEntryName(std::string("a\nb")).has_value());
  EXPECT_FALSE(splitEntryName(std::string(300, 'x')).has_value());
}

TEST(ZipModelTest, SymlinksInsideThePackageAreFine) {
  EXPECT_FALSE(checkArchiveModel({{"data/secret/01.in", Kind::File, ""},
                                  {"data/secret/02.in", Kind::Symlink, "01.in"},
                                  {"data/sample", Kind::Symlink, "secret"},
                                  {"up", Kind::Symlink, "data/secret/../sample"}})
                   .has_value());
}

TEST(ZipModelTest, SymlinksOutOfThePackageAreRejected) {
  EXPECT_TRUE(checkArchiveModel({{"data/x", Kind::Symlink, "../../etc/passwd"}}).has_value());
  EXPECT_TRUE(checkArchiveModel({{"data/x", Kind::Symlink, "/etc/passwd"}}).has_value());
  EXPECT_TRUE(checkArchiveModel({{"x", Kind::Symlink, ".."}}).has_value());
}

TEST(ZipModelTest, ChainedSymlinksThatEscapeAreRejected) {
  // Each target looks harmless alone; together they leave the root: "deep/a/b/s" points to the
  // root, so "deep/a/b/s/../x" is outside it although it reads as "deep/a/b/x".
  auto problem = checkArchiveModel(
      {{"deep/a/b/s", Kind::Symlink, "../../.."}, {"l", Kind::Symlink, "deep/a/b/s/../x"}});
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("'l'"), std::string::npos) << *problem;
}

TEST(ZipModelTest, SymlinkLoopsAreRejected) {
  EXPECT_TRUE(
      checkArchiveModel({{"a", Kind::Symlink, "b"}, {"b", Kind::Symlink, "a"}}).has_value());
}

TEST(ZipModelTest, NoEntryBelowAFileOrASymlink) {
  EXPECT_TRUE(checkArchiveModel({{"data", Kind::Symlink, "other"},
                                 {"other", Kind::Directory, ""},
                                 {"data/x", Kind::File, ""}})
                  .has_value());
  EXPECT_TRUE(checkArchiveModel({{"a", Kind::File, ""}, {"a/b", Kind::File, ""}}).has_value());
}

TEST(ZipModelTest, DuplicatesAreRejectedExceptDirectories) {
  EXPECT_TRUE(checkArchiveModel({{"a", Kind::File, ""}, {"a", Kind::File, ""}}).has_value());
  EXPECT_FALSE(
      checkArchiveModel({{"a", Kind::Directory, ""}, {"a", Kind::Directory, ""}}).has_value());
}

}  // namespace
}  // namespace arena::judge::detail
