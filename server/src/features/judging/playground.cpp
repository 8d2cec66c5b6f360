// Theory of operation
//
// One playground run: a private directory under the work root (writable by the box), the
// Compiler's prepare() into it (sharing the compile cache and the collapsing of identical
// concurrent compiles with judging), then one sandboxed run with the request's limits, like a
// judged test case: CPU time limit, wall time 3 * CPU + 2 s, memory plus the language's
// runtime allowance, the output limit for OLE. stdout and stderr go to files in the run
// directory and only the first kMaxCapturedBytes of each are read back, so a program that
// prints its whole output limit costs disk in the box's tmpfs-sized file, not server memory.
//
// Statuses: OK (exited 0), CE, TLE, MLE (also the runtime's own out-of-memory message), OLE,
// RE (any other exit code, a signal, or the seccomp filter's kill). exitCode is the program's
// exit code, or 128 + the signal that killed it (the shell's convention). A sandbox failure is
// an Unavailable error, never a status: the request was fine.

#include "playground.hpp"

#include <algorithm>

#include "arena/judge/temp_dir.hpp"
#include "arena/judge/verdict.hpp"

namespace arena::server::judging {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBoxDir = "/box";
constexpr std::int64_t kMaxTimeLimitMs = 60'000;

std::int32_t clampToInt32(std::uint64_t value) {
  return static_cast<std::int32_t>(std::min<std::uint64_t>(value, INT32_MAX));
}

Result<void> checkLimits(const model::Limits& limits) {
  if (limits.timeLimitMs <= 0 || limits.timeLimitMs > kMaxTimeLimitMs) {
    return fail(ErrorCode::InvalidArgument,
                "time limit must be between 1 and " + std::to_string(kMaxTimeLimitMs) + " ms");
  }
  if (limits.memoryLimitKb <= 0) {
    return fail(ErrorCode::InvalidArgument, "memory limit must be positive");
  }
  if (limits.outputLimitKb <= 0) {
    return fail(ErrorCode::InvalidArgument, "output limit must be positive");
  }
  return {};
}

}  // namespace

Playground::Playground(sandbox::Sandbox& sandbox, const judge::LanguageTable& languages,
                       judge::Compiler& compiler, fs::path workRoot)
    : m_sandbox(sandbox),
      m_languages(languages),
      m_compiler(compiler),
      m_workRoot(std::move(workRoot)) {}

Result<PlaygroundResult> Playground::run(const PlaygroundRequest& request) {
  const judge::Language* language = m_languages.find(request.language);
  if (language == nullptr || !language->available) {
    return fail(ErrorCode::InvalidArgument, "language '" + request.language + "' is not available");
  }
  if (auto ok = checkLimits(request.limits); !ok) return std::unexpected(ok.error());

  // The box runs as an unprivileged uid: the run directory must be writable for it; its
  // parent only traversable.
  auto dir = judge::TempDir::create(m_workRoot, "playground-", fs::perms::all);
  if (!dir) return fail(ErrorCode::Unavailable, "playground: " + dir.error().message, true);
  const fs::path program = dir->path() / "program";
  std::error_code ec;
  fs::create_directory(program, ec);
  fs::permissions(program, fs::perms::all, ec);
  if (ec) return fail(ErrorCode::Unavailable, "playground: " + ec.message(), true);

  PlaygroundResult result;
  auto compiled = m_compiler.prepare(*language, request.code, program);
  if (!compiled) return fail(ErrorCode::Unavailable, "compiler: " + compiled.error().message, true);
  result.compileOutput = std::move(compiled->output);
  if (!compiled->success) {
    result.status = "CE";
    if (result.compileOutput.empty()) result.compileOutput = compiled->message;
    return result;
  }

  const auto& limits = request.limits;
  const auto cpuMs = static_cast<std::uint64_t>(limits.timeLimitMs);
  const auto memoryMb = (static_cast<std::int64_t>(limits.memoryLimitKb) + 1023) / 1024;
  sandbox::RunSpec spec;
  spec.argv = judge::expandPlaceholders(language->run, {{"memory_mb", std::to_string(memoryMb)}});
  spec.env = language->env;
  spec.cpuTimeMs = cpuMs;
  spec.wallTimeMs = 3 * cpuMs + 2000;
  spec.memoryKb = static_cast<std::uint64_t>(limits.memoryLimitKb) +
                  static_cast<std::uint64_t>(language->runMemoryExtraMb) * 1024;
  spec.processes = static_cast<std::uint32_t>(language->runProcesses);
  spec.outputKb = static_cast<std::uint64_t>(limits.outputLimitKb);
  spec.stdinData = request.stdinData;
  spec.stdoutPath = (dir->path() / "stdout").string();
  spec.stderrPath = (dir->path() / "stderr").string();
  // Read-only, as the judge runs programs: what the program writes goes to its own /tmp.
  spec.dirs = {sandbox::BindDir{program.string(), kBoxDir, false}};
  spec.workdir = kBoxDir;

  auto run = m_sandbox.run(spec);
  if (!run) return fail(ErrorCode::Unavailable, "sandbox: " + run.error().message, true);
  if (run->status == sandbox::Status::XX) {
    return fail(ErrorCode::Unavailable, "sandbox: " + run->message, true);
  }
  auto out = judge::readFileCapped(spec.stdoutPath.value(), kMaxCapturedBytes);
  auto err = judge::readFileCapped(spec.stderrPath.value(), kMaxCapturedBytes);
  if (!out || !err) {
    return fail(ErrorCode::Unavailable,
                "playground output: " + (!out ? out.error() : err.error()).message, true);
  }
  result.stdoutData = std::move(*out);
  result.stderrData = std::move(*err);
  run->stderrData = result.stderrData;  // where runtimes report running out of memory
  result.status = std::string(judge::singleRunOutcome(*run, language->oomMarkers));
  result.exitCode = run->signal != 0 ? 128 + run->signal : run->exitCode;
  result.timeMs = clampToInt32(run->cpuMs);
  result.memoryKb = clampToInt32(run->memoryKb);
  return result;
}

}  // namespace arena::server::judging
