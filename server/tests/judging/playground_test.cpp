// Playground runs on the real sandbox with the real compilers: output, compile errors, limits,
// exit codes, the output cap, bad requests, and concurrent use.

#include "features/judging/playground.hpp"

#include <future>

#include <gtest/gtest.h>

#include "arena/judge/compile_cache.hpp"
#include "judging_test_support.hpp"

namespace arena::server::judging {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kUidBlock = 73000;

constexpr const char* kCppEcho =
    "#include <iostream>\n#include <string>\n"
    "int main() { std::string line; std::getline(std::cin, line);\n"
    "  std::cout << \"hello, \" << line << std::endl; std::cerr << \"note\"; }\n";

class PlaygroundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_box = testing::sharedSandbox(kUidBlock);
    ASSERT_NE(m_box, nullptr);
    auto dir =
        judge::TempDir::create(fs::temp_directory_path(), "playground-test-", judge::kTraversable);
    ASSERT_TRUE(dir) << dir.error().message;
    m_dir.emplace(std::move(*dir));
    auto table = judge::LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
    ASSERT_TRUE(table) << table.error().message;
    m_languages = std::move(*table);
    auto cache = judge::CompileCache::open(m_dir->path() / "cache");
    ASSERT_TRUE(cache) << cache.error().message;
    m_cache = std::move(*cache);
    m_compiler = std::make_unique<judge::Compiler>(*m_box, m_cache.get(), m_dir->path() / "work");
    m_playground =
        std::make_unique<Playground>(*m_box, m_languages, *m_compiler, m_dir->path() / "work");
  }

  PlaygroundResult run(const std::string& language, const std::string& code,
                       const std::string& input = {}, model::Limits limits = {}) {
    auto result = m_playground->run({language, code, input, limits});
    EXPECT_TRUE(result) << result.error().message;
    return result ? *result : PlaygroundResult{};
  }

  sandbox::Sandbox* m_box = nullptr;
  std::optional<judge::TempDir> m_dir;
  judge::LanguageTable m_languages;
  std::unique_ptr<judge::CompileCache> m_cache;
  std::unique_ptr<judge::Compiler> m_compiler;
  std::unique_ptr<Playground> m_playground;
};

TEST_F(PlaygroundTest, CppReadsStdinAndBothStreamsComeBack) {
  const PlaygroundResult result = run("cpp", kCppEcho, "arena\n");
  EXPECT_EQ(result.status, "OK");
  EXPECT_EQ(result.stdoutData, "hello, arena\n");
  EXPECT_EQ(result.stderrData, "note");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_GT(result.memoryKb, 0);
}

TEST_F(PlaygroundTest, PythonByAliasEchoesStdin) {
  const PlaygroundResult result =
      run("py", "import sys\nsys.stdout.write(sys.stdin.read()[::-1])\n", "abc\n");
  EXPECT_EQ(result.status, "OK");
  EXPECT_EQ(result.stdoutData, "\ncba");
  EXPECT_TRUE(result.compileOutput.empty());
}

TEST_F(PlaygroundTest, ACompileErrorCarriesTheCompilersMessages) {
  const PlaygroundResult result = run("cpp", "int main() { return undeclared_name; }\n");
  EXPECT_EQ(result.status, "CE");
  EXPECT_NE(result.compileOutput.find("undeclared_name"), std::string::npos)
      << result.compileOutput;
  EXPECT_TRUE(result.stdoutData.empty());
  EXPECT_EQ(result.exitCode, 0);
}

TEST_F(PlaygroundTest, ALoopingProgramIsStoppedAtTheTimeLimit) {
  const PlaygroundResult result = run(
      "python3", "print('started', flush=True)\nwhile True:\n    pass\n", {}, {300, 262144, 65536});
  EXPECT_EQ(result.status, "TLE");
  EXPECT_EQ(result.stdoutData, "started\n");
  EXPECT_GE(result.timeMs, 300);
  EXPECT_LT(result.timeMs, 3000);
}

TEST_F(PlaygroundTest, ANonZeroExitIsARuntimeErrorWithItsCode) {
  const PlaygroundResult result = run("python3", "import sys\nprint('bye')\nsys.exit(3)\n");
  EXPECT_EQ(result.status, "RE");
  EXPECT_EQ(result.exitCode, 3);
  EXPECT_EQ(result.stdoutData, "bye\n");
}

TEST_F(PlaygroundTest, AKillingSignalIsARuntimeErrorReportedAs128PlusTheSignal) {
  const PlaygroundResult result =
      run("python3", "import os, signal\nos.kill(os.getpid(), signal.SIGABRT)\n");
  EXPECT_EQ(result.status, "RE");
  EXPECT_EQ(result.exitCode, 128 + 6);
}

TEST_F(PlaygroundTest, OutputIsCappedButTheProgramStillRunsToTheEnd) {
  const PlaygroundResult result =
      run("python3",
          "import sys\nsys.stdout.write('x' * 300000)\nsys.stderr.write('e' * 100000)\n"
          "sys.stdout.write('END')\n");
  EXPECT_EQ(result.status, "OK");
  EXPECT_EQ(result.stdoutData.size(), kMaxCapturedBytes);
  EXPECT_EQ(result.stderrData.size(), kMaxCapturedBytes);
  EXPECT_EQ(result.stdoutData.find_first_not_of('x'), std::string::npos);
}

TEST_F(PlaygroundTest, OutputBeyondTheLimitIsOutputLimitExceeded) {
  const PlaygroundResult result =
      run("python3", "import sys\nwhile True:\n    sys.stdout.write('y' * 65536)\n", {},
          {2000, 262144, 1024});
  EXPECT_EQ(result.status, "OLE");
  EXPECT_EQ(result.stdoutData.size(), kMaxCapturedBytes);
}

TEST_F(PlaygroundTest, AnUnknownLanguageOrImpossibleLimitsAreInvalidArguments) {
  auto unknown = m_playground->run({"cobol", "DISPLAY 'HI'.", "", {}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(unknown.error().message.find("cobol"), std::string::npos);
  auto zeroTime = m_playground->run({"python3", "print(1)", "", {0, 262144, 65536}});
  ASSERT_FALSE(zeroTime);
  EXPECT_EQ(zeroTime.error().code, ErrorCode::InvalidArgument);
  auto negativeMemory = m_playground->run({"python3", "print(1)", "", {1000, -5, 65536}});
  ASSERT_FALSE(negativeMemory);
  EXPECT_EQ(negativeMemory.error().code, ErrorCode::InvalidArgument);
}

TEST_F(PlaygroundTest, ConcurrentRunsSeeOnlyTheirOwnInput) {
  std::vector<std::future<Result<PlaygroundResult>>> runs;
  for (int i = 0; i < 4; ++i) {
    runs.push_back(std::async(std::launch::async, [this, i] {
      return m_playground->run(
          {"python3", "import sys\nprint(int(sys.stdin.read()) * 2)\n", std::to_string(i), {}});
    }));
  }
  for (int i = 0; i < 4; ++i) {
    auto result = runs[static_cast<std::size_t>(i)].get();
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->status, "OK");
    EXPECT_EQ(result->stdoutData, std::to_string(2 * i) + "\n");
  }
}

}  // namespace
}  // namespace arena::server::judging
