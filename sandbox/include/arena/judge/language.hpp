#pragma once
// The language table: how to compile and run each supported language, read from a JSON config
// file (sandbox/languages.json) rather than compiled in, so a lab can add a language or change
// flags without a rebuild. The file documents itself; this header is its typed form.
//
// Commands are argv vectors (no shell). Placeholders expanded per run:
//   {memory_mb}  the run's memory limit in MiB (e.g. the JVM's -Xmx)
// A language without a compile command is interpreted: its source file is the artifact.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::judge {

// Resource limits of one sandboxed step (used for compiling; runs take the request's limits).
struct StepLimits {
  std::int64_t cpuMs = 10'000;
  std::int64_t wallMs = 20'000;
  std::int64_t memoryKb = 1024 * 1024;
  std::int64_t processes = 32;
  std::int64_t outputKb = 64 * 1024;

  friend bool operator==(const StepLimits&, const StepLimits&) = default;
};

struct Language {
  std::string id;                        // stable machine id, e.g. "cpp20"
  std::string name;                      // display name, e.g. "C++20 (g++ 12)"
  std::vector<std::string> aliases;      // other ids clients may send, e.g. "cpp"
  std::string sourceFile;                // file the code is saved as, e.g. "main.cpp"
  std::vector<std::string> compile;      // empty: interpreted, nothing to compile
  std::vector<std::string> run;          // argv of the program
  std::vector<std::string> version;      // argv printing the toolchain version (cache key)
  std::vector<std::string> env;          // NAME=value for compile and run
  StepLimits compileLimits;
  std::int64_t runProcesses = 1;         // process/thread limit of a run (the JVM needs many)
  std::int64_t runMemoryExtraMb = 0;     // allowance above the request's limit for the runtime
  std::vector<std::string> oomMarkers;   // stderr text meaning the runtime's heap ran out (MLE)
  bool available = true;                 // false when the toolchain is not installed here

  bool compiled() const { return !compile.empty(); }
};

class LanguageTable {
 public:
  // Parses and validates the table; every problem is an InvalidArgument naming the field.
  static Result<LanguageTable> parse(std::string_view json);
  static Result<LanguageTable> load(const std::filesystem::path& file);

  // Looks up an id or alias (case-sensitive, exact).
  const Language* find(std::string_view idOrAlias) const;
  const std::vector<Language>& languages() const { return m_languages; }
  std::vector<Language>& languages() { return m_languages; }

  // Marks languages whose first compile/run program is an absolute path that does not exist.
  void detectAvailability();

 private:
  std::vector<Language> m_languages;
};

// Replaces {name} placeholders in each argument; unknown placeholders are kept as written.
std::vector<std::string> expandPlaceholders(const std::vector<std::string>& args,
                                            const std::map<std::string, std::string>& vars);

// Where the executor and judges look for the table when none is given:
// $ARENA_LANGUAGES, then the installed path, then the copy in the source tree.
std::filesystem::path defaultLanguagesFile();

}  // namespace arena::judge
