#pragma once
// The compile step: turns submitted source into the files a run needs, in the sandbox, under
// the language's compile limits, through the compile cache.
//
// Outcomes: success; a compile error (CE) with the compiler's messages, which includes a
// compiler stopped by a limit (a template or constexpr bomb, #include "/dev/zero"): that is the
// submission's fault, reported as CE, never a hung judge. Only a sandbox failure is an Error.
//
// Identical concurrent compiles are collapsed: the first one compiles, the others wait for it
// and then read the cache.

#include <cstdint>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/judge/compile_cache.hpp"
#include "arena/judge/language.hpp"
#include "arena/sandbox/sandbox.hpp"

namespace arena::judge {

inline constexpr std::size_t kMaxCompileOutputBytes = 64 * 1024;

// One file of a program made of several (a Java folder with Main.java and helpers, a C++
// solution with its header). `name` is relative to the program's directory, with '/'.
struct SourceFile {
  std::string name;
  std::string content;
};

struct CompileOutcome {
  bool success = false;
  std::string output;      // compiler messages (stdout and stderr together), maybe truncated
  std::string message;     // why a compile failed when it was not the compiler's verdict
  bool compiled = false;   // false for interpreted languages (nothing ran)
  bool cacheHit = false;
  std::int64_t cpuMs = 0;
  std::int64_t wallMs = 0;
  std::int64_t memoryKb = 0;
};

class Compiler {
 public:
  // `cache` may be null (no caching). Compile directories are made under `workRoot`.
  Compiler(sandbox::Sandbox& sandbox, CompileCache* cache, std::filesystem::path workRoot);

  // Compiles `source` and leaves what the run needs in `destination` (an existing directory):
  // the source file itself always, plus the compiled artifacts on success.
  Result<CompileOutcome> prepare(const Language& language, std::string_view source,
                                 const std::filesystem::path& destination);

  // The same for a program of several files. The file the language compiles or runs is the
  // one named Language::sourceFile; the others sit beside it (headers, further classes). The
  // cache key covers every file's name and content.
  Result<CompileOutcome> prepare(const Language& language, const std::vector<SourceFile>& files,
                                 const std::filesystem::path& destination);

  // The whole output of the language's version command, trimmed (part of the cache key).
  // Empty when the language has none. Computed once per language.
  Result<std::string> toolchainVersion(const Language& language);

 private:
  Result<CompileOutcome> compileFresh(const Language& language,
                                      const std::vector<SourceFile>& files,
                                      const std::filesystem::path& destination,
                                      const std::optional<std::string>& cacheKey);

  sandbox::Sandbox& m_sandbox;
  CompileCache* m_cache;
  std::filesystem::path m_workRoot;

  std::mutex m_mutex;
  std::map<std::string, std::optional<std::string>> m_versions;  // nullopt: command failed
  std::map<std::string, std::shared_future<void>> m_inFlight;
};

}  // namespace arena::judge
