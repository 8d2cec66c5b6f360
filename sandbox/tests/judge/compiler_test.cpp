// The compile step on the real sandbox: artifacts, compile errors, bombs stopped by the
// compile limits, the cache and the collapsing of identical concurrent compiles.

#include "arena/judge/compiler.hpp"

#include <unistd.h>

#include <thread>

#include <gtest/gtest.h>

#include "arena/judge/temp_dir.hpp"

namespace arena::judge {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHello = "#include <cstdio>\nint main() { std::puts(\"hi\"); }\n";

class CompilerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (box()) return;
    sandbox::SandboxOptions options;
    options.slots = 2;
    options.firstUid = 63000 + static_cast<std::uint32_t>(getpid() % 1000) * 2;
    auto created = sandbox::Sandbox::create(options);
    ASSERT_TRUE(created) << created.error().message;
    box() = std::make_unique<sandbox::Sandbox>(std::move(*created));
  }

  static std::unique_ptr<sandbox::Sandbox>& box() {
    static std::unique_ptr<sandbox::Sandbox> instance;
    return instance;
  }

  void SetUp() override {
    ASSERT_TRUE(box());
    auto dir = TempDir::create(fs::temp_directory_path(), "compiler-test-", kTraversable);
    ASSERT_TRUE(dir);
    m_dir.emplace(std::move(*dir));
    auto table = LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
    ASSERT_TRUE(table) << table.error().message;
    m_table = std::move(*table);
    auto cache = CompileCache::open(m_dir->path() / "cache");
    ASSERT_TRUE(cache);
    m_cache = std::move(*cache);
    m_compiler = std::make_unique<Compiler>(*box(), m_cache.get(), m_dir->path() / "work");
  }

  fs::path destination() {
    const fs::path dir = m_dir->path() / ("dest-" + std::to_string(m_next++));
    fs::create_directories(dir);
    return dir;
  }

  const Language& language(const char* id) { return *m_table.find(id); }

  std::optional<TempDir> m_dir;
  LanguageTable m_table;
  std::unique_ptr<CompileCache> m_cache;
  std::unique_ptr<Compiler> m_compiler;
  int m_next = 0;
};

TEST_F(CompilerTest, CompilesCppAndTheSecondCompileHitsTheCache) {
  const fs::path first = destination();
  auto outcome = m_compiler->prepare(language("cpp20"), kHello, first);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_TRUE(outcome->success) << outcome->output << outcome->message;
  EXPECT_TRUE(outcome->compiled);
  EXPECT_FALSE(outcome->cacheHit);
  EXPECT_TRUE(fs::exists(first / "main"));
  EXPECT_TRUE(fs::exists(first / "main.cpp"));

  const fs::path second = destination();
  auto again = m_compiler->prepare(language("cpp20"), kHello, second);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->success);
  EXPECT_TRUE(again->cacheHit);
  EXPECT_TRUE(fs::exists(second / "main"));
  EXPECT_EQ(fs::file_size(first / "main"), fs::file_size(second / "main"));
  EXPECT_EQ(m_cache->stats().hits, 1U);
}

TEST_F(CompilerTest, ToolchainVersionComesFromTheVersionCommand) {
  auto version = m_compiler->toolchainVersion(language("cpp20"));
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_NE(version->find("g++"), std::string::npos) << *version;
  auto java = m_compiler->toolchainVersion(language("java17"));
  ASSERT_TRUE(java) << java.error().message;
  EXPECT_NE(java->find("javac 17"), std::string::npos) << *java;
}

TEST_F(CompilerTest, SyntaxErrorIsACompileErrorAndIsCachedToo) {
  const std::string broken = "int main() { return 0 }\n";
  auto outcome = m_compiler->prepare(language("cpp20"), broken, destination());
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_FALSE(outcome->success);
  EXPECT_NE(outcome->output.find("error"), std::string::npos) << outcome->output;
  auto again = m_compiler->prepare(language("cpp20"), broken, destination());
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->success);
  EXPECT_TRUE(again->cacheHit);
  EXPECT_EQ(again->output, outcome->output);
}

TEST_F(CompilerTest, JavaCompilesToClassFiles) {
  const fs::path dest = destination();
  auto outcome = m_compiler->prepare(
      language("java17"),
      "public class Main { static class Inner {} public static void main(String[] a) {"
      " System.out.println(new Inner() != null); } }\n",
      dest);
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_TRUE(outcome->success) << outcome->output << outcome->message;
  EXPECT_TRUE(fs::exists(dest / "Main.class"));
  EXPECT_TRUE(fs::exists(dest / "Main$Inner.class"));
}

TEST_F(CompilerTest, InterpretedLanguagesOnlyGetTheirSource) {
  const fs::path dest = destination();
  auto outcome = m_compiler->prepare(language("python3"), "print(1)\n", dest);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->success);
  EXPECT_FALSE(outcome->compiled);
  EXPECT_TRUE(fs::exists(dest / "main.py"));
  EXPECT_EQ(m_cache->stats().stores, 0U);
}

TEST_F(CompilerTest, ACompilerOverItsTimeLimitIsACompileErrorNotAHang) {
  Language cpp = language("cpp20");
  cpp.compileLimits.cpuMs = 1500;
  cpp.compileLimits.wallMs = 3000;
  const auto started = std::chrono::steady_clock::now();
  auto outcome = m_compiler->prepare(
      cpp,
      "constexpr long spin() { long x = 0; for (long i = 0; i < 200000; ++i)"
      " for (long j = 0; j < 200000; ++j) x += i ^ j; return x; }\n"
      "static_assert(spin() != 1);\nint main() {}\n",
      destination());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_FALSE(outcome->success);
  EXPECT_NE(outcome->message.find("time limit"), std::string::npos) << outcome->message;
  EXPECT_LT(seconds, 6.0);
  EXPECT_EQ(m_cache->stats().stores, 0U);  // a limit hit is not a deterministic verdict
}

TEST_F(CompilerTest, ACompilerOverItsMemoryLimitIsACompileError) {
  Language cpp = language("cpp20");
  cpp.compileLimits.memoryKb = 128 * 1024;
  cpp.compileLimits.cpuMs = 5000;
  cpp.compileLimits.wallMs = 8000;
  // 2^22 distinct instantiations: far more memory than 128 MiB.
  auto outcome = m_compiler->prepare(
      cpp,
      "template <int N, int K> struct T {\n"
      "  static constexpr long v = T<N - 1, 2 * K>::v + T<N - 1, 2 * K + 1>::v;\n"
      "};\n"
      "template <int K> struct T<0, K> { static constexpr long v = K; };\n"
      "static_assert(T<22, 1>::v != 0);\nint main() {}\n",
      destination());
  ASSERT_TRUE(outcome) << outcome.error().message;
  EXPECT_FALSE(outcome->success);
  EXPECT_FALSE(outcome->message.empty());
}

TEST_F(CompilerTest, IdenticalConcurrentCompilesRunTheCompilerOnce) {
  const std::string source = "int main() { return 0; }\n";
  Result<CompileOutcome> results[2] = {std::unexpected(Error{}), std::unexpected(Error{})};
  const fs::path dests[2] = {destination(), destination()};
  std::thread other([&] { results[1] = m_compiler->prepare(language("cpp20"), source, dests[1]); });
  results[0] = m_compiler->prepare(language("cpp20"), source, dests[0]);
  other.join();
  ASSERT_TRUE(results[0] && results[1]);
  EXPECT_TRUE(results[0]->success && results[1]->success);
  EXPECT_EQ(m_cache->stats().stores, 1U);
  EXPECT_NE(results[0]->cacheHit, results[1]->cacheHit);
  EXPECT_TRUE(fs::exists(dests[0] / "main") && fs::exists(dests[1] / "main"));
}

}  // namespace
}  // namespace arena::judge
