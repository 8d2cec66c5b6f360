#include "executor_service.hpp"

#include <cmath>

#include "arena/judge/temp_dir.hpp"
#include "arena/judge/token_checker.hpp"
#include "arena/judge/verdict.hpp"

namespace arena::executor {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBoxDir = "/box";

// Cuts `text` to `limit` bytes; true when something was cut.
bool truncate(std::string& text, std::size_t limit) {
  if (text.size() <= limit) return false;
  text.resize(limit);
  return true;
}

}  // namespace

nlohmann::json ExecuteResponse::toJson() const {
  nlohmann::json json = {{"status", status},
                         {"stdout", stdoutData},
                         {"stderr", stderrData},
                         {"stdout_truncated", stdoutTruncated},
                         {"stderr_truncated", stderrTruncated},
                         {"time_ms", timeMs},
                         {"wall_ms", wallMs},
                         {"memory_kb", memoryKb},
                         {"passed", passed},
                         {"exit_code", nullptr},
                         {"signal", signal},
                         {"compile_output", compileOutput},
                         {"message", message}};
  if (exitCode) json["exit_code"] = *exitCode;
  return json;
}

ExecutorService::ExecutorService(judge::LanguageTable languages, sandbox::Sandbox& sandbox,
                                 std::unique_ptr<judge::CompileCache> cache, Options options)
    : m_languages(std::move(languages)),
      m_sandbox(sandbox),
      m_cache(std::move(cache)),
      m_options(std::move(options)),
      m_compiler(sandbox, m_cache.get(), m_options.workDir) {}

judge::CompileCacheStats ExecutorService::cacheStats() const {
  return m_cache ? m_cache->stats() : judge::CompileCacheStats{};
}

nlohmann::json ExecutorService::languagesJson() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& language : m_languages.languages()) {
    list.push_back({{"id", language.id},
                    {"name", language.name},
                    {"aliases", language.aliases},
                    {"source_file", language.sourceFile},
                    {"compiled", language.compiled()},
                    {"available", language.available}});
  }
  return {{"languages", list}};
}

Result<ExecuteResponse> ExecutorService::execute(const ExecuteRequest& request) {
  const judge::Language* language = m_languages.find(request.language);
  if (language == nullptr) {
    std::string known;
    for (const auto& entry : m_languages.languages()) {
      known += (known.empty() ? "" : ", ") + entry.id;
    }
    return fail(ErrorCode::InvalidArgument,
                "unknown language '" + request.language + "'; known: " + known);
  }
  if (!language->available) {
    return fail(ErrorCode::InvalidArgument,
                "language '" + language->id + "' is not installed on this executor");
  }

  // The box runs as an unprivileged uid: the run directory must be writable for it.
  auto dir = judge::TempDir::create(m_options.workDir, "run-", fs::perms::all);
  if (!dir) return std::unexpected(dir.error());

  ExecuteResponse response;
  auto compiled = m_compiler.prepare(*language, request.code, dir->path());
  if (!compiled) {
    response.status = "XX";
    response.message = compiled.error().message;
    return response;
  }
  response.compileOutput = compiled->output;
  response.compileCache =
      !compiled->compiled ? "none" : (compiled->cacheHit ? "hit" : (m_cache ? "miss" : "none"));
  if (!compiled->success) {
    response.status = "CE";
    response.message = compiled->message;
    return response;
  }

  const auto cpuMs = static_cast<std::uint64_t>(std::ceil(request.timeLimitSeconds * 1000.0));
  const std::int64_t memoryMb = request.memoryLimitMb;
  sandbox::RunSpec spec;
  spec.argv = judge::expandPlaceholders(language->run,
                                        {{"memory_mb", std::to_string(memoryMb)}});
  spec.env = language->env;
  spec.cpuTimeMs = cpuMs;
  spec.wallTimeMs = 2 * cpuMs + 1000;
  spec.memoryKb = static_cast<std::uint64_t>((memoryMb + language->runMemoryExtraMb) * 1024);
  spec.processes = static_cast<std::uint32_t>(language->runProcesses);
  spec.outputKb = kMaxRunOutputKb;
  spec.stdinData = request.stdinData;
  spec.captureStdout = true;
  spec.captureStderr = true;
  // Read-only, as the judge runs programs: what the program writes goes to its own /tmp.
  spec.dirs = {sandbox::BindDir{dir->path().string(), kBoxDir, false}};
  spec.workdir = kBoxDir;

  auto run = m_sandbox.run(spec);
  if (!run) {
    response.status = "XX";
    response.message = "sandbox failure: " + run.error().message;
    return response;
  }
  response.status = std::string(judge::singleRunOutcome(*run, language->oomMarkers));
  response.timeMs = static_cast<std::int64_t>(run->cpuMs);
  response.wallMs = static_cast<std::int64_t>(run->wallMs);
  response.memoryKb = static_cast<std::int64_t>(run->memoryKb);
  if (run->signal == 0) response.exitCode = run->exitCode;
  response.signal = run->signal;
  response.message = run->message;
  if (run->status == sandbox::Status::SV && response.message.empty()) {
    response.message = "killed by the sandbox: forbidden system call";
  }
  response.passed = response.status == "OK" &&
                    (!request.expectedOutput ||
                     judge::tokensMatch(*request.expectedOutput, run->stdoutData));
  response.stdoutData = std::move(run->stdoutData);
  response.stderrData = std::move(run->stderrData);
  response.stdoutTruncated = truncate(response.stdoutData, kMaxResponseStdoutBytes);
  response.stderrTruncated = truncate(response.stderrData, kMaxResponseStderrBytes);
  return response;
}

}  // namespace arena::executor
