#include "arena/judge/compiler.hpp"

#include <algorithm>

#include "arena/judge/temp_dir.hpp"

namespace arena::judge {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBoxDir = "/box";

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string truncated(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  text.resize(limit);
  text += "\n[compiler output truncated]\n";
  return text;
}

sandbox::RunSpec compileSpec(const Language& language, const fs::path& dir,
                             const std::vector<std::string>& argv, const StepLimits& limits) {
  sandbox::RunSpec spec;
  spec.argv = argv;
  spec.env = language.env;
  spec.cpuTimeMs = static_cast<std::uint64_t>(limits.cpuMs);
  spec.wallTimeMs = static_cast<std::uint64_t>(limits.wallMs);
  spec.memoryKb = static_cast<std::uint64_t>(limits.memoryKb);
  spec.processes = static_cast<std::uint32_t>(limits.processes);
  spec.outputKb = static_cast<std::uint64_t>(limits.outputKb);
  spec.captureStdout = true;
  spec.stderrToStdout = true;
  spec.dirs = {sandbox::BindDir{dir.string(), kBoxDir, true}};
  spec.workdir = kBoxDir;
  return spec;
}

// Why a compile that did not end with the compiler's own verdict failed; empty if it did.
std::string limitMessage(const sandbox::RunResult& run, const StepLimits& limits) {
  using sandbox::Status;
  switch (run.status) {
    case Status::TLE:
      return "compilation exceeded the time limit (" + std::to_string(limits.cpuMs) +
             " ms CPU, " + std::to_string(limits.wallMs) + " ms wall)";
    case Status::MLE:
      return "compilation exceeded the memory limit (" + std::to_string(limits.memoryKb / 1024) +
             " MiB)";
    case Status::OLE:
      return "compilation exceeded the output limit (" + std::to_string(limits.outputKb) +
             " KiB)";
    case Status::SV: return "the compiler was stopped by the sandbox (security violation)";
    case Status::RE:
      if (run.signal != 0) return "the compiler was killed by signal " + std::to_string(run.signal);
      return {};
    case Status::OK:
    case Status::XX: return {};
  }
  return {};
}

// Writes each file under `dir`, refusing names that would leave it (they come from packages).
Result<void> writeSources(const std::vector<SourceFile>& files, const fs::path& dir) {
  for (const SourceFile& file : files) {
    const fs::path relative = fs::path(file.name).lexically_normal();
    if (file.name.empty() || relative.is_absolute() || *relative.begin() == "..") {
      return fail(ErrorCode::InvalidArgument, "bad source file name '" + file.name + "'");
    }
    const fs::path target = dir / relative;
    if (relative.has_parent_path()) {
      std::error_code ec;
      fs::create_directories(target.parent_path(), ec);
      if (ec) return fail(ErrorCode::Internal, "cannot create " + target.parent_path().string());
      fs::permissions(target.parent_path(), fs::perms::all, ec);
    }
    if (auto written = writeFile(target, file.content); !written) return written;
  }
  return {};
}

// What the cache key hashes: the source itself for the usual one-file program (so keys stay
// as they were), else every file's name, size and content, unambiguously delimited.
std::string cacheSource(const Language& language, const std::vector<SourceFile>& files) {
  if (files.size() == 1 && files.front().name == language.sourceFile) {
    return files.front().content;
  }
  std::vector<const SourceFile*> sorted;
  for (const SourceFile& file : files) sorted.push_back(&file);
  std::sort(sorted.begin(), sorted.end(),
            [](const SourceFile* a, const SourceFile* b) { return a->name < b->name; });
  std::string text = "arena-multi-file\n";
  for (const SourceFile* file : sorted) {
    text += file->name;
    text += '\0';
    text += std::to_string(file->content.size());
    text += '\0';
    text += file->content;
  }
  return text;
}

// The compile command for a program of several files: the other sources with the entry
// file's extension (helper.cpp beside main.cpp, Sieve.java beside Main.java) are compiled
// with it, named right after it.
std::vector<std::string> compileArgv(const Language& language,
                                     const std::vector<SourceFile>& files) {
  std::vector<std::string> argv = language.compile;
  const std::string extension = fs::path(language.sourceFile).extension().string();
  std::vector<std::string> others;
  for (const SourceFile& file : files) {
    if (file.name != language.sourceFile && !extension.empty() &&
        fs::path(file.name).extension() == extension) {
      others.push_back(file.name);
    }
  }
  const auto entry = std::find(argv.begin(), argv.end(), language.sourceFile);
  if (others.empty() || entry == argv.end()) return argv;
  std::sort(others.begin(), others.end());
  argv.insert(entry + 1, others.begin(), others.end());
  return argv;
}

}  // namespace

Compiler::Compiler(sandbox::Sandbox& sandbox, CompileCache* cache, fs::path workRoot)
    : m_sandbox(sandbox), m_cache(cache), m_workRoot(std::move(workRoot)) {}

Result<std::string> Compiler::toolchainVersion(const Language& language) {
  {
    std::lock_guard lock(m_mutex);
    if (const auto found = m_versions.find(language.id); found != m_versions.end()) {
      if (found->second) return *found->second;
      return fail(ErrorCode::Unavailable, "version of " + language.id + " is unknown");
    }
  }
  std::optional<std::string> version = std::string{};
  if (!language.version.empty()) {
    auto dir = TempDir::create(m_workRoot, "version-", fs::perms::all);
    if (!dir) return std::unexpected(dir.error());
    StepLimits limits = language.compileLimits;
    limits.outputKb = std::min<std::int64_t>(limits.outputKb, 1024);
    auto run = m_sandbox.run(compileSpec(language, dir->path(), language.version, limits));
    if (!run || run->status == sandbox::Status::XX) {
      // The sandbox failed, not the command: do not remember it, ask again next time.
      return fail(ErrorCode::Unavailable, "cannot run the version command of " + language.id);
    }
    if (run->status == sandbox::Status::OK && run->signal == 0 && run->exitCode == 0) {
      version = trim(run->stdoutData);
    } else {
      version = std::nullopt;
    }
  }
  std::lock_guard lock(m_mutex);
  m_versions[language.id] = version;
  if (!version) return fail(ErrorCode::Unavailable, "version command of " + language.id + " failed");
  return *version;
}

Result<CompileOutcome> Compiler::prepare(const Language& language, std::string_view source,
                                         const fs::path& destination) {
  return prepare(language, std::vector<SourceFile>{{language.sourceFile, std::string(source)}},
                 destination);
}

Result<CompileOutcome> Compiler::prepare(const Language& language,
                                         const std::vector<SourceFile>& files,
                                         const fs::path& destination) {
  if (auto written = writeSources(files, destination); !written) {
    return std::unexpected(written.error());
  }
  const std::string source = cacheSource(language, files);
  if (!language.compiled()) {
    CompileOutcome interpreted;
    interpreted.success = true;
    return interpreted;
  }

  std::optional<std::string> key;
  if (m_cache != nullptr) {
    if (auto version = toolchainVersion(language)) {
      key = CompileCache::key(language, *version, source);
    }
  }
  if (!key) return compileFresh(language, files, destination, std::nullopt);

  // Collapse identical concurrent compiles: one leader compiles, followers wait and re-read.
  std::promise<void> done;
  bool leader = false;
  std::shared_future<void> waitFor;
  {
    std::lock_guard lock(m_mutex);
    if (const auto found = m_inFlight.find(*key); found != m_inFlight.end()) {
      waitFor = found->second;
    } else {
      leader = true;
      m_inFlight.emplace(*key, done.get_future().share());
    }
  }
  if (!leader) waitFor.wait();
  // The leader releases its followers however it leaves (error return or exception).
  struct Release {
    Compiler* self;
    const std::string* key;
    std::promise<void>* done;
    ~Release() {
      if (self == nullptr) return;
      std::lock_guard lock(self->m_mutex);
      self->m_inFlight.erase(*key);
      done->set_value();
    }
  } release{leader ? this : nullptr, &*key, &done};

  Result<CompileOutcome> outcome = std::unexpected(Error{});
  if (auto cached = m_cache->lookup(*key, destination)) {
    CompileOutcome hit;
    hit.success = cached->success;
    hit.output = cached->output;
    hit.message = cached->success ? "" : "compile error (cached)";
    hit.compiled = true;
    hit.cacheHit = true;
    hit.cpuMs = cached->cpuMs;
    hit.wallMs = cached->wallMs;
    hit.memoryKb = cached->memoryKb;
    outcome = std::move(hit);
  } else {
    outcome = compileFresh(language, files, destination, key);
  }
  return outcome;
}

Result<CompileOutcome> Compiler::compileFresh(const Language& language,
                                              const std::vector<SourceFile>& files,
                                              const fs::path& destination,
                                              const std::optional<std::string>& cacheKey) {
  // The box runs as an unprivileged uid: the directory must be writable for it.
  auto dir = TempDir::create(m_workRoot, "compile-", fs::perms::all);
  if (!dir) return std::unexpected(dir.error());
  if (auto written = writeSources(files, dir->path()); !written) {
    return std::unexpected(written.error());
  }

  auto run = m_sandbox.run(
      compileSpec(language, dir->path(), compileArgv(language, files), language.compileLimits));
  if (!run) {
    return fail(ErrorCode::Internal, "sandbox failed to run the compiler: " + run.error().message,
                run.error().retryable);
  }
  if (run->status == sandbox::Status::XX) {
    return fail(ErrorCode::Internal, "sandbox failed to run the compiler: " + run->message);
  }

  CompileOutcome outcome;
  outcome.compiled = true;
  outcome.output = truncated(std::move(run->stdoutData), kMaxCompileOutputBytes);
  outcome.cpuMs = static_cast<std::int64_t>(run->cpuMs);
  outcome.wallMs = static_cast<std::int64_t>(run->wallMs);
  outcome.memoryKb = static_cast<std::int64_t>(run->memoryKb);
  outcome.message = limitMessage(*run, language.compileLimits);
  const bool exited = run->signal == 0 &&
                      (run->status == sandbox::Status::OK || run->status == sandbox::Status::RE);
  outcome.success = exited && run->exitCode == 0;
  if (!outcome.success && outcome.message.empty() && exited) {
    outcome.message = "the compiler exited with code " + std::to_string(run->exitCode);
  }

  std::error_code ec;
  for (const SourceFile& file : files) {
    fs::remove(dir->path() / file.name, ec);  // the sources are written by prepare()
  }
  if (outcome.success) {
    if (auto copied = copyRegularTree(dir->path(), destination); !copied) {
      return std::unexpected(copied.error());
    }
  }
  // Only the compiler's own verdict is deterministic; a limit hit may depend on machine load.
  if (cacheKey && m_cache != nullptr && exited) {
    const CachedCompile meta{outcome.success, outcome.output, outcome.cpuMs, outcome.wallMs,
                             outcome.memoryKb};
    (void)m_cache->store(*cacheKey, meta, outcome.success ? dir->path() : fs::path());
  }
  return outcome;
}

}  // namespace arena::judge
