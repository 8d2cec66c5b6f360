// The judging pipeline on the real sandbox with small packages written by the test: custom
// checkers that work, crash, exit 0 or do not compile; a missing test file; compile errors;
// progress reports; multi-file programs through the compile cache.

#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "arena/judge/compile_cache.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/temp_dir.hpp"

namespace arena::judge {
namespace {

namespace fs = std::filesystem;
using model::Verdict;

constexpr const char* kSum =
    "#include <stdio.h>\n"
    "int main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) return 1;\n"
    "  printf(\"%ld\\n\", a + b); return 0; }\n";
constexpr const char* kWrongSum =
    "#include <stdio.h>\n"
    "int main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) return 1;\n"
    "  printf(\"%ld\\n\", a - b); return 0; }\n";

void writeText(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

class JudgePipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (box()) return;
    sandbox::SandboxOptions options;
    options.slots = 2;  // interactive tests run the program and the interactor at once
    options.firstUid = 65000 + static_cast<std::uint32_t>(getpid() % 1000) * 4;
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
    auto dir = TempDir::create(fs::temp_directory_path(), "judge-test-", kTraversable);
    ASSERT_TRUE(dir);
    m_dir.emplace(std::move(*dir));
    auto table = LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
    ASSERT_TRUE(table) << table.error().message;
    m_table = std::move(*table);
    auto cache = CompileCache::open(m_dir->path() / "cache");
    ASSERT_TRUE(cache);
    m_cache = std::move(*cache);
    m_compiler = std::make_unique<Compiler>(*box(), m_cache.get(), m_dir->path() / "work");
    m_judge = std::make_unique<Judge>(*box(), m_table, *m_compiler, m_dir->path() / "work");
    m_options.timeLimitMs = 2000;
  }

  // A legacy package "add" with a sample and three secret cases; `checker` (C source) is its
  // output validator when given.
  ProblemPackage makePackage(const std::string& checker = {}) {
    const fs::path root = m_dir->path() / ("add-" + std::to_string(m_next++));
    writeText(root / "problem.yaml",
              checker.empty() ? "name: Add\n" : "name: Add\nvalidation: custom\n");
    writeText(root / "problem_statement/problem.tex", "\\problemname{Add}\n");
    writeText(root / "data/sample/1.in", "1 2\n");
    writeText(root / "data/sample/1.ans", "3\n");
    writeText(root / "data/secret/01.in", "5 5\n");
    writeText(root / "data/secret/01.ans", "10\n");
    writeText(root / "data/secret/02.in", "-4 4\n");
    writeText(root / "data/secret/02.ans", "0\n");
    writeText(root / "data/secret/03.in", "100 1\n");
    writeText(root / "data/secret/03.ans", "101\n");
    if (!checker.empty()) writeText(root / "output_validators/check/check.c", checker);
    auto package = readProblemPackage(root);
    EXPECT_TRUE(package) << package.error().message;
    return package ? *package : ProblemPackage{};
  }

  JudgeReport judgeC(const ProblemPackage& package, const std::vector<SourceFile>& files,
                     const ProgressCallback& progress = {}) {
    auto report = m_judge->judge(package, *m_table.find("c"), files, m_options, progress);
    EXPECT_TRUE(report) << report.error().message;
    return report ? *report : JudgeReport{};
  }

  JudgeReport judgeC(const ProblemPackage& package, const char* source) {
    return judgeC(package, {{"main.c", source}});
  }

  std::optional<TempDir> m_dir;
  LanguageTable m_table;
  std::unique_ptr<CompileCache> m_cache;
  std::unique_ptr<Compiler> m_compiler;
  std::unique_ptr<Judge> m_judge;
  JudgeOptions m_options;
  int m_next = 0;
};

TEST_F(JudgePipelineTest, DefaultCheckerAcceptsAndStopsAtFirstWrongAnswer) {
  const ProblemPackage package = makePackage();
  const JudgeReport accepted = judgeC(package, kSum);
  EXPECT_EQ(accepted.verdict, Verdict::Accepted);
  ASSERT_EQ(accepted.tests.size(), 4u);
  EXPECT_EQ(accepted.tests[0].name, "sample/1");
  EXPECT_EQ(accepted.timeLimitMs, 2000);

  const JudgeReport wrong = judgeC(package, kWrongSum);
  EXPECT_EQ(wrong.verdict, Verdict::WrongAnswer);
  ASSERT_EQ(wrong.tests.size(), 1u);  // pass-fail: the sample already failed
  EXPECT_FALSE(wrong.tests[0].judgeMessage.empty());
}

// Each test case starts from nothing the previous one left: not in /box (the program, which
// it cannot change) and not in /tmp. A program that finds a mark of an earlier case answers
// wrong, so only a fresh start for every case is Accepted.
TEST_F(JudgePipelineTest, NoTestCaseSeesWhatAnEarlierOneLeft) {
  const ProblemPackage package = makePackage();
  const JudgeReport report = judgeC(
      package,
      "#include <stdio.h>\n#include <unistd.h>\n"
      "int main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) return 1;\n"
      "  int seen = access(\"/box/left-behind\", F_OK) == 0 ||"
      "             access(\"/tmp/left-behind\", F_OK) == 0;\n"
      "  FILE* f = fopen(\"/box/left-behind\", \"w\"); if (f) fclose(f);\n"
      "  FILE* g = fopen(\"/tmp/left-behind\", \"w\"); if (!g) return 2; fclose(g);\n"
      "  printf(\"%ld\\n\", a + b + seen); return 0; }\n");
  EXPECT_EQ(report.verdict, Verdict::Accepted);
  EXPECT_EQ(report.tests.size(), 4u);
}

TEST_F(JudgePipelineTest, CompileErrorKeepsTheCompilerOutput) {
  const JudgeReport report = judgeC(makePackage(), "int main(void) { return x; }\n");
  EXPECT_EQ(report.verdict, Verdict::CompileError);
  EXPECT_NE(report.compileOutput.find("x"), std::string::npos);
  EXPECT_TRUE(report.tests.empty());
}

TEST_F(JudgePipelineTest, CustomCheckerVerdictAndFeedbackFiles) {
  const std::string checker =
      "#include <stdio.h>\n#include <string.h>\n"
      "int main(int argc, char** argv) {\n"
      "  char path[4096]; long want, got;\n"
      "  FILE* ans = fopen(argv[2], \"r\"); if (!ans || fscanf(ans, \"%ld\", &want) != 1) return "
      "1;\n"
      "  int ok = scanf(\"%ld\", &got) == 1 && got == want;\n"
      "  snprintf(path, sizeof path, \"%sjudgemessage.txt\", argv[3]);\n"
      "  FILE* j = fopen(path, \"w\"); fprintf(j, ok ? \"fine\" : \"expected %ld\", want); "
      "fclose(j);\n"
      "  snprintf(path, sizeof path, \"%steammessage.txt\", argv[3]);\n"
      "  FILE* t = fopen(path, \"w\"); fputs(ok ? \"well done\" : \"no\", t); fclose(t);\n"
      "  return ok ? 42 : 43; }\n";
  const ProblemPackage package = makePackage(checker);
  const JudgeReport accepted = judgeC(package, kSum);
  EXPECT_EQ(accepted.verdict, Verdict::Accepted);
  ASSERT_EQ(accepted.tests.size(), 4u);
  EXPECT_EQ(accepted.tests[1].judgeMessage, "fine");
  EXPECT_EQ(accepted.tests[1].teamMessage, "well done");

  const JudgeReport wrong = judgeC(package, kWrongSum);
  EXPECT_EQ(wrong.verdict, Verdict::WrongAnswer);
  ASSERT_FALSE(wrong.tests.empty());
  EXPECT_EQ(wrong.tests[0].judgeMessage, "expected 3");
}

TEST_F(JudgePipelineTest, CheckerThatCrashesIsAJudgeError) {
  const ProblemPackage package =
      makePackage("#include <signal.h>\nint main(void) { raise(SIGSEGV); return 42; }\n");
  const JudgeReport report = judgeC(package, kSum);
  EXPECT_EQ(report.verdict, Verdict::JudgeError);
  ASSERT_EQ(report.tests.size(), 1u);
  EXPECT_NE(report.tests[0].judgeMessage.find("output validator failed"), std::string::npos)
      << report.tests[0].judgeMessage;
}

TEST_F(JudgePipelineTest, CheckerThatExitsZeroIsAJudgeError) {
  const JudgeReport report = judgeC(makePackage("int main(void) { return 0; }\n"), kSum);
  EXPECT_EQ(report.verdict, Verdict::JudgeError);
  ASSERT_EQ(report.tests.size(), 1u);
  EXPECT_NE(report.tests[0].judgeMessage.find("exited with 0"), std::string::npos)
      << report.tests[0].judgeMessage;
}

TEST_F(JudgePipelineTest, CheckerThatDoesNotCompileIsAJudgeError) {
  const ProblemPackage package = makePackage("int main(void) { return 42 }\n");
  const JudgeReport first = judgeC(package, kSum);
  EXPECT_EQ(first.verdict, Verdict::JudgeError);
  ASSERT_EQ(first.tests.size(), 1u);
  EXPECT_NE(first.tests[0].judgeMessage.find("does not compile"), std::string::npos)
      << first.tests[0].judgeMessage;
  // Even a wrong submission is not blamed while the checker is broken.
  EXPECT_EQ(judgeC(package, kWrongSum).verdict, Verdict::JudgeError);
}

TEST_F(JudgePipelineTest, MissingTestFileIsAJudgeError) {
  const ProblemPackage package = makePackage();
  fs::remove(package.root / "data/secret/02.ans");
  const JudgeReport report = judgeC(package, kSum);
  EXPECT_EQ(report.verdict, Verdict::JudgeError);
  ASSERT_EQ(report.tests.size(), 3u);
  EXPECT_EQ(report.tests[2].verdict, Verdict::JudgeError);
  EXPECT_NE(report.tests[2].judgeMessage.find("test file missing"), std::string::npos);
}

TEST_F(JudgePipelineTest, ProgressReportsCompilingThenEachTest) {
  const ProblemPackage package = makePackage();
  std::vector<std::string> events;
  const JudgeReport report = judgeC(package, {{"main.c", kSum}}, [&](const JudgeProgress& p) {
    switch (p.stage) {
      case JudgeProgress::Stage::Compiling:
        events.push_back("compiling");
        break;
      case JudgeProgress::Stage::Running:
        events.push_back("running " + std::to_string(p.test) + "/" + std::to_string(p.total));
        break;
      case JudgeProgress::Stage::TestFinished:
        ASSERT_NE(p.result, nullptr);
        events.push_back("done " + std::to_string(p.test) + " " +
                         std::string(model::enumName(p.result->verdict)));
        break;
    }
  });
  EXPECT_EQ(report.verdict, Verdict::Accepted);
  const std::vector<std::string> expected = {"compiling",   "running 1/4", "done 1 AC",
                                             "running 2/4", "done 2 AC",   "running 3/4",
                                             "done 3 AC",   "running 4/4", "done 4 AC"};
  EXPECT_EQ(events, expected);
}

TEST_F(JudgePipelineTest, MultiFileProgramCacheKeyCoversEveryFile) {
  const ProblemPackage package = makePackage();
  const std::string main =
      "#include <stdio.h>\n#include \"offset.h\"\n"
      "int main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) return 1;\n"
      "  printf(\"%ld\\n\", a + b + OFFSET); return 0; }\n";
  EXPECT_EQ(judgeC(package, {{"main.c", main}, {"offset.h", "#define OFFSET 0\n"}}).verdict,
            Verdict::Accepted);
  // Same main.c, another header: must not be served the first compile from the cache.
  EXPECT_EQ(judgeC(package, {{"main.c", main}, {"offset.h", "#define OFFSET 1\n"}}).verdict,
            Verdict::WrongAnswer);
  EXPECT_GE(m_cache->stats().stores, 2u);
}

// An interactive package (2025-09): the interactor sends the input's number and expects it
// plus one back.
ProblemPackage interactivePackage(const fs::path& root, const std::string& interactor) {
  writeText(root / "problem.yaml",
            "problem_format_version: 2025-09\ntype: interactive\nname: Next\nuuid: x\n");
  writeText(root / "statement/problem.en.md", "Say the next number.\n");
  writeText(root / "data/secret/01.in", "7\n");
  writeText(root / "data/secret/01.ans", "8\n");
  writeText(root / "data/secret/02.in", "41\n");
  writeText(root / "data/secret/02.ans", "42\n");
  writeText(root / "output_validator/interactor.c", interactor);
  auto package = readProblemPackage(root);
  EXPECT_TRUE(package) << package.error().message;
  return package ? *package : ProblemPackage{};
}

constexpr const char* kInteractor =
    "#include <stdio.h>\n"
    "int main(int argc, char** argv) {\n"
    "  long n, got; FILE* in = fopen(argv[1], \"r\");\n"
    "  if (argc < 4 || !in || fscanf(in, \"%ld\", &n) != 1) return 1;\n"
    "  printf(\"%ld\\n\", n); fflush(stdout);\n"
    "  if (scanf(\"%ld\", &got) != 1 || got != n + 1) return 43;\n"
    "  return 42; }\n";
constexpr const char* kNext =
    "#include <stdio.h>\n"
    "int main(void) { long n; if (scanf(\"%ld\", &n) != 1) return 1;\n"
    "  printf(\"%ld\\n\", n + 1); return 0; }\n";

TEST_F(JudgePipelineTest, InteractiveProgramTalksToTheInteractorThroughPipes) {
  const ProblemPackage package = interactivePackage(m_dir->path() / "next", kInteractor);
  const JudgeReport accepted = judgeC(package, kNext);
  EXPECT_EQ(accepted.verdict, Verdict::Accepted);
  EXPECT_EQ(accepted.tests.size(), 2u);

  const JudgeReport wrong = judgeC(package,
                                   "#include <stdio.h>\n"
                                   "int main(void) { long n; if (scanf(\"%ld\", &n) != 1) "
                                   "return 1; printf(\"%ld\\n\", n); return 0; }\n");
  EXPECT_EQ(wrong.verdict, Verdict::WrongAnswer);

  // A program that crashes before answering: its own failure wins over the interactor's WA.
  const JudgeReport crashed = judgeC(package,
                                     "#include <stdlib.h>\n#include <stdio.h>\n"
                                     "int main(void) { long n; if (scanf(\"%ld\", &n) != 1) "
                                     "return 1; abort(); }\n");
  EXPECT_EQ(crashed.verdict, Verdict::RuntimeError);

  // A program that never reads or answers: the time limit, not a hung judge.
  m_options.timeLimitMs = 500;
  const JudgeReport silent = judgeC(package, "int main(void) { for (;;) {} }\n");
  EXPECT_EQ(silent.verdict, Verdict::TimeLimitExceeded);
}

TEST_F(JudgePipelineTest, InteractorThatCrashesIsAJudgeError) {
  const ProblemPackage package =
      interactivePackage(m_dir->path() / "next",
                         "#include <signal.h>\nint main(void) { raise(SIGSEGV); return 42; }\n");
  const JudgeReport report = judgeC(package, kNext);
  EXPECT_EQ(report.verdict, Verdict::JudgeError);
  ASSERT_EQ(report.tests.size(), 1u);
  EXPECT_NE(report.tests[0].judgeMessage.find("output validator failed"), std::string::npos)
      << report.tests[0].judgeMessage;
}

TEST_F(JudgePipelineTest, MultiFileProgramCompilesEverySource) {
  const ProblemPackage package = makePackage();
  const std::string main =
      "#include <stdio.h>\nlong add(long a, long b);\n"
      "int main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) return 1;\n"
      "  printf(\"%ld\\n\", add(a, b)); return 0; }\n";
  const JudgeReport report = judgeC(
      package, {{"main.c", main}, {"add.c", "long add(long a, long b) { return a + b; }\n"}});
  EXPECT_EQ(report.verdict, Verdict::Accepted) << report.compileOutput;
}

TEST_F(JudgePipelineTest, ReadProgramSourcesRenamesTheEntryFile) {
  const fs::path dir = m_dir->path() / "prog";
  writeText(dir / "Main.java", "class Main {}\n");
  writeText(dir / "Helper.java", "class Helper {}\n");
  ProgramSource program;
  program.name = "submissions/accepted/prog";
  program.path = dir;
  program.isDirectory = true;
  program.files = {dir / "Helper.java", dir / "Main.java"};
  program.language = "java";
  auto files = readProgramSources(program, *m_table.find("java"));
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].name, "Helper.java");
  EXPECT_EQ((*files)[1].name, "Main.java");

  const fs::path single = m_dir->path() / "solve.py";
  writeText(single, "print(1)\n");
  ProgramSource file;
  file.name = "submissions/accepted/solve.py";
  file.path = single;
  file.files = {single};
  file.language = "python3";
  auto one = readProgramSources(file, *m_table.find("python3"));
  ASSERT_TRUE(one);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->front().name, "main.py");
}

}  // namespace
}  // namespace arena::judge
