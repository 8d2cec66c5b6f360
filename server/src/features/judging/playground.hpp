#pragma once
// Playground runs: compile a program and run it once on the caller's input, in the same sandbox
// and limits as judging, and give back what it printed. Not judged, not stored, not scored.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "arena/core/error.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/language.hpp"
#include "arena/model/problem.hpp"
#include "arena/sandbox/sandbox.hpp"

namespace arena::server::judging {

struct PlaygroundRequest {
  std::string language;  // an id or alias of the language table
  std::string code;
  std::string stdinData;
  model::Limits limits;  // the problem's, or the defaults when no problem is attached
};

// Each of stdout and stderr is returned up to this many bytes.
inline constexpr std::size_t kMaxCapturedBytes = 64 * 1024;

struct PlaygroundResult {
  // "OK" when it ran and exited 0; else the verdict that describes the run: CE, TLE, MLE, OLE, RE.
  std::string status;
  std::string stdoutData;  // the first kMaxCapturedBytes
  std::string stderrData;  // the first kMaxCapturedBytes
  std::string compileOutput;
  int exitCode = 0;  // the program's, or 128 + the signal that killed it; 0 for CE
  std::int32_t timeMs = 0;
  std::int32_t memoryKb = 0;
};

class Playground {
 public:
  Playground(sandbox::Sandbox& sandbox, const judge::LanguageTable& languages,
             judge::Compiler& compiler, std::filesystem::path workRoot);

  // InvalidArgument for an unknown or unavailable language, or limits out of range;
  // Unavailable when the sandbox cannot run anything. Thread-safe.
  Result<PlaygroundResult> run(const PlaygroundRequest& request);

 private:
  sandbox::Sandbox& m_sandbox;
  const judge::LanguageTable& m_languages;
  judge::Compiler& m_compiler;
  std::filesystem::path m_workRoot;
};

}  // namespace arena::server::judging
