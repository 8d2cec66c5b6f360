// arena-judge-bench: what the judging pipeline costs on top of the sandboxed runs it makes.
//
//   arena-judge-bench [-n TESTS] [-r ROUNDS]
//
// Writes a pass-fail problem with TESTS cases (default 50; default output validator) and a C
// solution, then, in the same process and the same minute, for ROUNDS rounds (median taken):
//   raw    the solution run once per case through Sandbox::run (stdin from the .in file,
//          stdout to a file), nothing else
//   judge  Judge::judge() end to end (compile cache already warm, per-submission work
//          directory, runs, default validator, aggregation)
// and prints judge / raw. Run as root (cgroups).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <time.h>

#include "arena/judge/compile_cache.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/temp_dir.hpp"
#include "arena/sandbox/sandbox.hpp"

namespace {

namespace fs = std::filesystem;
using namespace arena;

constexpr const char* kSolution =
    "#include <stdio.h>\n"
    "int main(void) { long a, b; if (scanf(\"%ld %ld\", &a, &b) != 2) return 1;\n"
    "  printf(\"%ld\\n\", a + b); return 0; }\n";

double nowMs() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

void writeText(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

int run(int tests, int rounds) {
  auto box = sandbox::Sandbox::create({});
  if (!box) {
    std::fprintf(stderr, "sandbox: %s\n", box.error().message.c_str());
    return 1;
  }
  auto languages = judge::LanguageTable::load(judge::defaultLanguagesFile());
  if (!languages) {
    std::fprintf(stderr, "languages: %s\n", languages.error().message.c_str());
    return 1;
  }
  const judge::Language& c = *languages->find("c");
  auto work =
      judge::TempDir::create(fs::temp_directory_path(), "judge-bench-", judge::kTraversable);
  if (!work) return 1;
  const fs::path root = work->path() / "sum";
  writeText(root / "problem.yaml", "name: Sum\n");
  writeText(root / "problem_statement/problem.tex", "\\problemname{Sum}\n");
  for (int i = 0; i < tests; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "data/secret/%03d", i);
    writeText(root / (std::string(name) + ".in"),
              std::to_string(i) + " " + std::to_string(i) + "\n");
    writeText(root / (std::string(name) + ".ans"), std::to_string(2 * i) + "\n");
  }
  auto package = judge::readProblemPackage(root);
  if (!package) {
    std::fprintf(stderr, "package: %s\n", package.error().message.c_str());
    return 1;
  }
  auto cache = judge::CompileCache::open(work->path() / "cache");
  if (!cache) return 1;
  judge::Compiler compiler(*box, cache->get(), work->path() / "runs");
  judge::Judge judgePipeline(*box, *languages, compiler, work->path() / "runs");
  judge::JudgeOptions options;
  options.timeLimitMs = 2000;
  const std::vector<judge::SourceFile> files = {{c.sourceFile, kSolution}};

  // The raw side: the same binary, run directly.
  auto programDir = judge::TempDir::create(work->path(), "program-", fs::perms::all);
  if (!programDir) return 1;
  auto compiled = compiler.prepare(c, files, programDir->path());
  if (!compiled || !compiled->success) {
    std::fprintf(stderr, "compile failed\n");
    return 1;
  }
  const std::vector<const judge::TestCase*> cases = package->data.allCases();
  auto rawRound = [&] {
    const double start = nowMs();
    for (const judge::TestCase* testCase : cases) {
      sandbox::RunSpec spec;
      spec.argv = c.run;
      spec.env = c.env;
      spec.cpuTimeMs = 2000;
      spec.stdinPath = testCase->input.string();
      spec.stdoutPath = (work->path() / "raw-stdout").string();
      spec.dirs = {sandbox::BindDir{programDir->path().string(), "/box", true}};
      auto result = box->run(spec);
      if (!result || result->status != sandbox::Status::OK) std::abort();
    }
    return nowMs() - start;
  };
  auto judgeRound = [&] {
    const double start = nowMs();
    auto report = judgePipeline.judge(*package, c, files, options);
    if (!report || report->verdict != model::Verdict::Accepted) std::abort();
    return nowMs() - start;
  };
  (void)judgeRound();  // warm the compile cache and the slot
  std::vector<double> raw;
  std::vector<double> judged;
  for (int r = 0; r < rounds; ++r) {
    raw.push_back(rawRound());
    judged.push_back(judgeRound());
  }
  const double rawMs = median(raw);
  const double judgeMs = median(judged);
  std::printf("tests %d, rounds %d\n", tests, rounds);
  std::printf("raw    %8.1f ms  (%.2f ms per run)\n", rawMs, rawMs / tests);
  std::printf("judge  %8.1f ms  (%.2f ms per test)\n", judgeMs, judgeMs / tests);
  std::printf("overhead ratio judge/raw: %.2fx\n", judgeMs / rawMs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int tests = 50;
  int rounds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "-n") == 0) tests = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "-r") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
  }
  return run(tests, rounds);
}
