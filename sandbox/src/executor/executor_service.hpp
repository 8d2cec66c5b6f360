#pragma once
// What POST /execute does, without HTTP: look the language up, compile (through the cache),
// run once in the sandbox with the request's limits, compare with the expected output.
//
// Run limits derived from a request:
//   CPU time     ceil(time_limit_seconds * 1000) ms          -> TLE
//   wall time    2 * CPU + 1000 ms (sleeping programs)       -> TLE
//   memory       memory_limit_mb + the language's run_memory_extra_mb, whole process tree
//                (cgroup accounting of resident memory, not address space: the JVM and node
//                reserve far more than they use)                                 -> MLE
//   output       kMaxRunOutputKb of stdout+stderr                               -> OLE
// The response returns at most kMaxResponseStdoutBytes / kMaxResponseStderrBytes of them.
//   processes    the language's run_processes (threads count)
//
// Statuses: OK, CE, RE, TLE, MLE, OLE, XX. The sandbox's SV (seccomp kill) is reported as RE
// with a message; a sandbox failure is XX (the request was fine, the executor was not).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/judge/compile_cache.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/language.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "execute_request.hpp"

namespace arena::executor {

inline constexpr std::uint64_t kMaxRunOutputKb = 16 * 1024;
// The response carries at most this much of each stream (the check sees all of stdout);
// *_truncated tells when more was written.
inline constexpr std::size_t kMaxResponseStdoutBytes = 1024 * 1024;
inline constexpr std::size_t kMaxResponseStderrBytes = 64 * 1024;

struct ExecuteResponse {
  std::string status;  // OK CE RE TLE MLE OLE XX
  std::string stdoutData;
  std::string stderrData;
  bool stdoutTruncated = false;
  bool stderrTruncated = false;
  std::int64_t timeMs = 0;  // CPU time of the run
  std::int64_t wallMs = 0;
  std::int64_t memoryKb = 0;  // peak memory of the run
  bool passed = false;
  std::optional<int> exitCode;  // when the program exited (not killed, not CE)
  int signal = 0;
  std::string compileOutput;
  std::string message;          // detail for non-OK statuses
  std::string compileCache;     // "hit", "miss" or "none" (interpreted / no cache)

  nlohmann::json toJson() const;
};

class ExecutorService {
 public:
  struct Options {
    std::filesystem::path workDir;  // per-request directories live here
  };

  // `cache` may be null (no compile cache).
  ExecutorService(judge::LanguageTable languages, sandbox::Sandbox& sandbox,
                  std::unique_ptr<judge::CompileCache> cache, Options options);

  // InvalidArgument for an unknown or unavailable language; Internal only for host failures
  // before anything ran (a sandbox failure during the run is an XX response).
  Result<ExecuteResponse> execute(const ExecuteRequest& request);

  const judge::LanguageTable& languages() const { return m_languages; }
  // The table as GET /languages shows it.
  nlohmann::json languagesJson() const;
  judge::CompileCacheStats cacheStats() const;

 private:
  judge::LanguageTable m_languages;
  sandbox::Sandbox& m_sandbox;
  std::unique_ptr<judge::CompileCache> m_cache;
  Options m_options;
  judge::Compiler m_compiler;
};

}  // namespace arena::executor
