#include "arena/judge/compile_cache.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "arena/judge/temp_dir.hpp"

namespace arena::judge {
namespace {

namespace fs = std::filesystem;

Language cpp() {
  Language language;
  language.id = "cpp20";
  language.sourceFile = "main.cpp";
  language.compile = {"/usr/bin/g++", "-O2", "-o", "main", "main.cpp"};
  language.run = {"./main"};
  return language;
}

CachedCompile meta(bool success, std::string output = {}, std::int64_t cpuMs = 0) {
  CachedCompile out;
  out.success = success;
  out.output = std::move(output);
  out.cpuMs = cpuMs;
  return out;
}

std::string readAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class CompileCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = TempDir::create(fs::temp_directory_path(), "compile-cache-test-");
    ASSERT_TRUE(dir);
    m_dir.emplace(std::move(*dir));
  }

  fs::path root() const { return m_dir->path() / "cache"; }

  CompileCache::Options options(std::uint64_t maxBytes, std::size_t maxEntries) const {
    CompileCache::Options out;
    out.root = root();
    out.maxBytes = maxBytes;
    out.maxEntries = maxEntries;
    return out;
  }

  // A directory holding one artifact file with `content`.
  fs::path artifacts(const std::string& name, const std::string& content) {
    const fs::path dir = m_dir->path() / ("art-" + std::to_string(m_next++));
    fs::create_directories(dir);
    EXPECT_TRUE(writeFile(dir / name, content));
    return dir;
  }

  fs::path emptyDir() {
    const fs::path dir = m_dir->path() / ("dest-" + std::to_string(m_next++));
    fs::create_directories(dir);
    return dir;
  }

  std::optional<TempDir> m_dir;
  int m_next = 0;
};

TEST(CompileCacheKeyTest, DependsOnEverythingThatChangesTheBinary) {
  const Language language = cpp();
  const std::string base = CompileCache::key(language, "g++ 12.2.0", "int main(){}");
  EXPECT_EQ(base.size(), 64U);
  EXPECT_EQ(base, CompileCache::key(language, "g++ 12.2.0", "int main(){}"));
  EXPECT_NE(base, CompileCache::key(language, "g++ 13.1.0", "int main(){}"));
  EXPECT_NE(base, CompileCache::key(language, "g++ 12.2.0", "int main(){ }"));
  Language flags = language;
  flags.compile[1] = "-O0";
  EXPECT_NE(base, CompileCache::key(flags, "g++ 12.2.0", "int main(){}"));
  Language other = language;
  other.id = "cpp17";
  EXPECT_NE(base, CompileCache::key(other, "g++ 12.2.0", "int main(){}"));
}

TEST(CompileCacheKeyTest, Sha256MatchesKnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(CompileCacheTest, MissThenStoreThenHitCopiesTheFiles) {
  auto cache = CompileCache::open(root());
  ASSERT_TRUE(cache) << cache.error().message;
  const std::string key = CompileCache::key(cpp(), "v1", "src");

  EXPECT_FALSE((*cache)->lookup(key, emptyDir()));
  ASSERT_TRUE((*cache)->store(key, meta(true, "warning: x", 5),
                              artifacts("main", "BINARY")));

  const fs::path dest = emptyDir();
  auto hit = (*cache)->lookup(key, dest);
  ASSERT_TRUE(hit);
  EXPECT_TRUE(hit->success);
  EXPECT_EQ(hit->output, "warning: x");
  EXPECT_EQ(hit->cpuMs, 5);
  EXPECT_EQ(readAll(dest / "main"), "BINARY");

  const auto stats = (*cache)->stats();
  EXPECT_EQ(stats.hits, 1U);
  EXPECT_EQ(stats.misses, 1U);
  EXPECT_EQ(stats.entries, 1U);
}

TEST_F(CompileCacheTest, RemembersCompileErrorsWithoutFiles) {
  auto cache = CompileCache::open(root());
  ASSERT_TRUE(cache);
  const std::string key = CompileCache::key(cpp(), "v1", "broken");
  ASSERT_TRUE((*cache)->store(key, meta(false, "error: expected ';'"), fs::path()));
  auto hit = (*cache)->lookup(key, emptyDir());
  ASSERT_TRUE(hit);
  EXPECT_FALSE(hit->success);
  EXPECT_EQ(hit->output, "error: expected ';'");
}

TEST_F(CompileCacheTest, ASecondStoreOfTheSameKeyKeepsTheFirst) {
  auto cache = CompileCache::open(root());
  ASSERT_TRUE(cache);
  const std::string key = CompileCache::key(cpp(), "v1", "src");
  ASSERT_TRUE((*cache)->store(key, meta(true), artifacts("main", "FIRST")));
  ASSERT_TRUE((*cache)->store(key, meta(true), artifacts("main", "SECOND")));
  const fs::path dest = emptyDir();
  ASSERT_TRUE((*cache)->lookup(key, dest));
  EXPECT_EQ(readAll(dest / "main"), "FIRST");
  EXPECT_EQ((*cache)->stats().entries, 1U);
}

TEST_F(CompileCacheTest, EvictsTheLeastRecentlyUsedEntryPastTheEntryBudget) {
  auto cache = CompileCache::open(options(1ULL << 30, 2));
  ASSERT_TRUE(cache);
  const std::string a = CompileCache::key(cpp(), "v1", "a");
  const std::string b = CompileCache::key(cpp(), "v1", "b");
  const std::string c = CompileCache::key(cpp(), "v1", "c");
  ASSERT_TRUE((*cache)->store(a, meta(true), artifacts("main", "A")));
  ASSERT_TRUE((*cache)->store(b, meta(true), artifacts("main", "B")));
  ASSERT_TRUE((*cache)->lookup(a, emptyDir()));  // a is now more recent than b
  ASSERT_TRUE((*cache)->store(c, meta(true), artifacts("main", "C")));

  EXPECT_TRUE((*cache)->lookup(a, emptyDir()));
  EXPECT_FALSE((*cache)->lookup(b, emptyDir()));
  EXPECT_TRUE((*cache)->lookup(c, emptyDir()));
  EXPECT_FALSE(fs::exists(root() / b));
  EXPECT_EQ((*cache)->stats().evictions, 1U);
}

TEST_F(CompileCacheTest, EvictsPastTheByteBudget) {
  auto cache = CompileCache::open(options(3000, 100));
  ASSERT_TRUE(cache);
  const std::string a = CompileCache::key(cpp(), "v1", "a");
  const std::string b = CompileCache::key(cpp(), "v1", "b");
  ASSERT_TRUE((*cache)->store(a, meta(true), artifacts("main", std::string(2000, 'a'))));
  ASSERT_TRUE((*cache)->store(b, meta(true), artifacts("main", std::string(2000, 'b'))));
  EXPECT_FALSE((*cache)->lookup(a, emptyDir()));
  EXPECT_TRUE((*cache)->lookup(b, emptyDir()));
  EXPECT_LE((*cache)->stats().bytes, 3000U);
}

TEST_F(CompileCacheTest, ReopeningFindsEarlierEntriesAndDropsDebris) {
  const std::string key = CompileCache::key(cpp(), "v1", "src");
  {
    auto cache = CompileCache::open(root());
    ASSERT_TRUE(cache);
    ASSERT_TRUE((*cache)->store(key, meta(true), artifacts("main", "KEPT")));
  }
  fs::create_directories(root() / ".tmp-crashed");
  fs::create_directories(root() / "not-a-key");
  auto cache = CompileCache::open(root());
  ASSERT_TRUE(cache);
  const fs::path dest = emptyDir();
  ASSERT_TRUE((*cache)->lookup(key, dest));
  EXPECT_EQ(readAll(dest / "main"), "KEPT");
  EXPECT_FALSE(fs::exists(root() / ".tmp-crashed"));
  EXPECT_FALSE(fs::exists(root() / "not-a-key"));
}

TEST_F(CompileCacheTest, NeverFollowsSymlinksLeftByACompile) {
  auto cache = CompileCache::open(root());
  ASSERT_TRUE(cache);
  const fs::path dir = artifacts("main", "BIN");
  fs::create_symlink("/etc/hostname", dir / "leak");
  fs::create_directories(dir / "pkg");
  ASSERT_TRUE(writeFile(dir / "pkg" / "A.class", "CLASS"));
  const std::string key = CompileCache::key(cpp(), "v1", "src");
  ASSERT_TRUE((*cache)->store(key, meta(true), dir));
  const fs::path dest = emptyDir();
  ASSERT_TRUE((*cache)->lookup(key, dest));
  EXPECT_EQ(readAll(dest / "main"), "BIN");
  EXPECT_EQ(readAll(dest / "pkg" / "A.class"), "CLASS");
  EXPECT_FALSE(fs::exists(fs::symlink_status(dest / "leak")));
}

TEST_F(CompileCacheTest, RejectsMalformedKeys) {
  auto cache = CompileCache::open(root());
  ASSERT_TRUE(cache);
  EXPECT_FALSE((*cache)->store("../../etc", meta(true), artifacts("x", "y")));
}

}  // namespace
}  // namespace arena::judge
