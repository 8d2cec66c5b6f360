// Programs through POST /execute on a real server and sandbox: each language passes with the
// right output and plausible figures, each failure gets its status, compile bombs are CEs
// within the compile limits, and a second identical compile comes from the cache.

#include "executor_fixture.hpp"

namespace arena::executor::testing {
namespace {

using nlohmann::json;

constexpr const char* kCppSum = R"(#include <iostream>
int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\n"; }
)";

json request(const std::string& language, const std::string& code, const std::string& input,
             double timeLimit = 2) {
  return {{"language", language}, {"code", code}, {"stdin", input},
          {"time_limit_seconds", timeLimit}};
}

class ExecutorExecuteTest : public ExecutorFixture {
 protected:
  // Runs and checks the reply is a 200 with the full response shape.
  json run(const json& body) {
    const Reply reply = execute(body);
    EXPECT_EQ(reply.status, 200) << reply.body;
    const json out = reply.json();
    for (const char* key : {"status", "stdout", "stderr", "time_ms", "memory_kb", "passed",
                            "exit_code", "compile_output"}) {
      EXPECT_TRUE(out.contains(key)) << key << " missing in " << reply.body;
    }
    return out;
  }

  static void expectPassedWithPlausibleFigures(const json& out, const std::string& stdoutText,
                                               std::int64_t maxTimeMs, std::int64_t minMemoryKb,
                                               std::int64_t maxMemoryKb) {
    EXPECT_EQ(out.at("status"), "OK") << out.dump();
    EXPECT_EQ(out.at("stdout"), stdoutText) << out.dump();
    EXPECT_TRUE(out.at("passed").get<bool>()) << out.dump();
    EXPECT_EQ(out.at("exit_code"), 0);
    const auto timeMs = out.at("time_ms").get<std::int64_t>();
    const auto memoryKb = out.at("memory_kb").get<std::int64_t>();
    EXPECT_GE(timeMs, 0);
    EXPECT_LT(timeMs, maxTimeMs) << out.dump();
    EXPECT_GT(memoryKb, minMemoryKb) << out.dump();
    EXPECT_LT(memoryKb, maxMemoryKb) << out.dump();
  }
};

TEST_F(ExecutorExecuteTest, CppProgramPasses) {
  json body = request("cpp20", kCppSum, "2 40\n");
  body["expected_output"] = "42";
  const json out = run(body);
  expectPassedWithPlausibleFigures(out, "42\n", 1000, 100, 64 * 1024);
}

TEST_F(ExecutorExecuteTest, Cpp17AndCProgramsPass) {
  json cpp17 = request("cpp17", kCppSum, "1 1");
  cpp17["expected_output"] = "2\n";
  expectPassedWithPlausibleFigures(run(cpp17), "2\n", 1000, 100, 64 * 1024);

  json c = request("c", "#include <stdio.h>\nint main(void){int a,b;scanf(\"%d %d\",&a,&b);"
                        "printf(\"%d\\n\",a*b);return 0;}\n",
                   "6 7");
  c["expected_output"] = "42";
  expectPassedWithPlausibleFigures(run(c), "42\n", 1000, 100, 64 * 1024);
}

TEST_F(ExecutorExecuteTest, PythonProgramPasses) {
  json body = request("python3", "import sys\nnums = list(map(int, sys.stdin.read().split()))\n"
                                 "print(sum(nums))\nprint(max(nums))\n",
                      "3 9 4\n");
  body["expected_output"] = "16 9";
  expectPassedWithPlausibleFigures(run(body), "16\n9\n", 2000, 1000, 128 * 1024);
}

TEST_F(ExecutorExecuteTest, JavaProgramPasses) {
  json body = request("java17",
                      "import java.util.*;\n"
                      "public class Main {\n"
                      "  public static void main(String[] args) {\n"
                      "    Scanner in = new Scanner(System.in);\n"
                      "    long a = in.nextLong(), b = in.nextLong();\n"
                      "    System.out.println(a + b);\n"
                      "  }\n"
                      "}\n",
                      "20 22\n", 5);
  body["expected_output"] = "42\n";
  body["memory_limit_mb"] = 128;
  // The JVM's own footprint counts: tens of MiB, below the limit plus the table's allowance.
  expectPassedWithPlausibleFigures(run(body), "42\n", 5000, 10 * 1024, (128 + 128) * 1024);
}

TEST_F(ExecutorExecuteTest, JavaScriptProgramPasses) {
  json body = request("javascript",
                      "const data = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/);\n"
                      "console.log(data.map(Number).reduce((a, b) => a + b, 0));\n",
                      "1 2 3\n");
  body["expected_output"] = "6";
  expectPassedWithPlausibleFigures(run(body), "6\n", 3000, 1000, (256 + 64) * 1024);
}

TEST_F(ExecutorExecuteTest, WrongOutputRunsOkButDoesNotPass) {
  json body = request("python3", "print(41)", "");
  body["expected_output"] = "42";
  const json out = run(body);
  EXPECT_EQ(out.at("status"), "OK");
  EXPECT_FALSE(out.at("passed").get<bool>());
}

TEST_F(ExecutorExecuteTest, WithoutExpectedOutputAnOkRunPasses) {
  const json out = run(request("python3", "print('anything')", ""));
  EXPECT_EQ(out.at("status"), "OK");
  EXPECT_TRUE(out.at("passed").get<bool>());
}

TEST_F(ExecutorExecuteTest, CompileErrorIsCEWithTheCompilerOutput) {
  const json out = run(request("cpp20", "int main() { return undefined_name; }\n", ""));
  EXPECT_EQ(out.at("status"), "CE");
  EXPECT_FALSE(out.at("passed").get<bool>());
  EXPECT_TRUE(out.at("exit_code").is_null());
  EXPECT_NE(out.at("compile_output").get<std::string>().find("undefined_name"), std::string::npos)
      << out.dump();
}

TEST_F(ExecutorExecuteTest, NonZeroExitIsRE) {
  const json out = run(request("cpp20", "int main() { return 3; }\n", ""));
  EXPECT_EQ(out.at("status"), "RE");
  EXPECT_EQ(out.at("exit_code"), 3);
  EXPECT_FALSE(out.at("passed").get<bool>());
}

TEST_F(ExecutorExecuteTest, PythonExceptionIsREWithStderr) {
  const json out = run(request("python3", "raise ValueError('boom')\n", ""));
  EXPECT_EQ(out.at("status"), "RE");
  EXPECT_NE(out.at("stderr").get<std::string>().find("ValueError: boom"), std::string::npos);
}

TEST_F(ExecutorExecuteTest, InfiniteLoopIsTLE) {
  const json out = run(request("cpp20", "int main() { volatile unsigned long x = 0; for (;;) ++x; }\n",
                               "", 0.5));
  EXPECT_EQ(out.at("status"), "TLE") << out.dump();
  EXPECT_GE(out.at("time_ms").get<std::int64_t>(), 450);
  EXPECT_FALSE(out.at("passed").get<bool>());
}

TEST_F(ExecutorExecuteTest, MemoryHogIsMLE) {
  json body = request("cpp20",
                      "#include <cstring>\n#include <cstdlib>\n"
                      "int main() { for (int i = 0; i < 64; ++i) { char* p = static_cast<char*>("
                      "std::malloc(16 << 20)); if (!p) return 9; std::memset(p, 1, 16 << 20); } }\n",
                      "");
  body["memory_limit_mb"] = 64;
  const json out = run(body);
  EXPECT_EQ(out.at("status"), "MLE") << out.dump();
}

TEST_F(ExecutorExecuteTest, JavaHeapExhaustionIsMLE) {
  json body = request("java17",
                      "import java.util.*;\npublic class Main { public static void main(String[] a) {"
                      " List<long[]> l = new ArrayList<>(); while (true) l.add(new long[1 << 20]); } }\n",
                      "", 5);
  body["memory_limit_mb"] = 64;
  const json out = run(body);
  EXPECT_EQ(out.at("status"), "MLE") << out.dump();
}

TEST_F(ExecutorExecuteTest, EndlessOutputIsOLE) {
  const json out = run(request("cpp20",
                               "#include <cstdio>\nint main() { for (;;) std::fputs("
                               "\"0123456789012345678901234567890123456789\\n\", stdout); }\n",
                               "", 5));
  EXPECT_EQ(out.at("status"), "OLE") << out.at("status") << out.at("message");
  EXPECT_EQ(out.at("stdout").get<std::string>().size(), kMaxResponseStdoutBytes);
  EXPECT_TRUE(out.at("stdout_truncated").get<bool>());
}

TEST_F(ExecutorExecuteTest, LongOutputIsCheckedInFullButReturnedCut) {
  // 2 MiB of "1\n": passes against the full expected text, the reply carries the first 1 MiB.
  json body = request("python3", "import sys\nsys.stdout.write('1\\n' * (1 << 20))\n", "");
  std::string expected;
  expected.reserve(std::size_t{2} << 20);
  for (int i = 0; i < (1 << 20); ++i) expected += "1 ";
  body["expected_output"] = expected;
  const json out = run(body);
  EXPECT_EQ(out.at("status"), "OK") << out.at("message");
  EXPECT_TRUE(out.at("passed").get<bool>());
  EXPECT_TRUE(out.at("stdout_truncated").get<bool>());
  EXPECT_EQ(out.at("stdout").get<std::string>().size(), kMaxResponseStdoutBytes);
}

TEST_F(ExecutorExecuteTest, SecondIdenticalCompileHitsTheCache) {
  const json body = request("cpp20", kCppSum, "1 2");
  const Reply first = execute(body);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.cacheHeader, "miss");
  EXPECT_EQ(first.json().at("stdout"), "3\n");

  const Reply second = execute(request("cpp20", kCppSum, "5 5"));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(second.cacheHeader, "hit");
  EXPECT_EQ(second.json().at("stdout"), "10\n");
  EXPECT_LT(second.seconds, first.seconds);  // g++ did not run again
  EXPECT_EQ(service().cacheStats().stores, 1U);
  EXPECT_EQ(service().cacheStats().hits, 1U);

  // Another language with the same text is another key.
  const Reply other = execute(request("cpp17", kCppSum, "1 2"));
  EXPECT_EQ(other.cacheHeader, "miss");
  // An interpreted language has nothing to cache.
  EXPECT_EQ(execute(request("python3", "print(1)", "")).cacheHeader, "none");
}

// Compile limits tightened so the bombs end fast; the shipped limits are larger.
class ExecutorCompileBombTest : public ExecutorExecuteTest {
 protected:
  void adjustLanguages(judge::LanguageTable& table) override {
    for (auto& language : table.languages()) {
      language.compileLimits.cpuMs = 3000;
      language.compileLimits.wallMs = 6000;
      language.compileLimits.memoryKb = 512 * 1024;
    }
  }

  void expectCompileErrorWithinLimits(const std::string& code) {
    const auto started = std::chrono::steady_clock::now();
    const json out = run(request("cpp20", code, ""));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(out.at("status"), "CE") << out.dump();
    EXPECT_FALSE(out.at("passed").get<bool>());
    EXPECT_FALSE(out.at("message").get<std::string>().empty()) << out.dump();
    EXPECT_LT(seconds, 6.0 + 3.0) << "the compile outlived its wall limit";
  }
};

TEST_F(ExecutorCompileBombTest, IncludingDevZeroIsACompileError) {
  expectCompileErrorWithinLimits("#include \"/dev/zero\"\nint main() {}\n");
}

TEST_F(ExecutorCompileBombTest, EndlessConstexprEvaluationIsACompileError) {
  expectCompileErrorWithinLimits(
      "constexpr unsigned long long spin() {\n"
      "  unsigned long long x = 0;\n"
      "  for (unsigned long long i = 0; i < 200000; ++i)\n"
      "    for (unsigned long long j = 0; j < 200000; ++j) x += i ^ j;\n"
      "  return x;\n"
      "}\n"
      "static_assert(spin() != 1);\n"
      "int main() {}\n");
}

TEST_F(ExecutorCompileBombTest, ExponentialTemplateInstantiationIsACompileError) {
  expectCompileErrorWithinLimits(
      "template <int N, int K> struct T {\n"
      "  static constexpr long v = T<N - 1, 2 * K>::v + T<N - 1, 2 * K + 1>::v;\n"
      "};\n"
      "template <int K> struct T<0, K> { static constexpr long v = K; };\n"
      "static_assert(T<30, 1>::v != 0);\n"
      "int main() {}\n");
}

TEST_F(ExecutorCompileBombTest, ABombIsNotCachedSoALaterCompileIsJudgedAfresh) {
  const std::string bomb = "#include \"/dev/zero\"\nint main() {}\n";
  EXPECT_EQ(run(request("cpp20", bomb, "")).at("status"), "CE");
  const Reply again = execute(request("cpp20", bomb, ""));
  EXPECT_EQ(again.json().at("status"), "CE");
  EXPECT_EQ(service().cacheStats().stores, 0U);
}

}  // namespace
}  // namespace arena::executor::testing
