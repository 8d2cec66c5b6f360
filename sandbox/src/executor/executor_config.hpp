#pragma once
// arena-executor's settings: command-line flags override environment variables, which
// override the defaults. Parsing is pure (the environment comes in as a function) so it is
// unit-tested without touching the process environment.
//
//   flag               env                          default
//   --bind ADDR        ARENA_EXECUTOR_BIND          127.0.0.1
//   --port N           ARENA_EXECUTOR_PORT          8080 (0 picks a free port)
//   --languages FILE   ARENA_EXECUTOR_LANGUAGES     $ARENA_LANGUAGES, installed, source tree
//   --cache-dir DIR    ARENA_EXECUTOR_CACHE_DIR     $TMPDIR/arena-executor/cache
//   --work-dir DIR     ARENA_EXECUTOR_WORK_DIR      $TMPDIR/arena-executor/work
//   --sandboxes N      ARENA_EXECUTOR_SANDBOXES     number of CPUs (concurrent runs)
//   --threads N        ARENA_EXECUTOR_THREADS       16 (HTTP worker threads)
//   --queue N          ARENA_EXECUTOR_QUEUE         64 (accepted connections waiting)
//   --help

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>

#include "arena/core/error.hpp"

namespace arena::executor {

struct ExecutorConfig {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  std::filesystem::path languagesFile;
  std::filesystem::path cacheDir;
  std::filesystem::path workDir;
  int sandboxes = 0;  // 0: one per CPU
  int threads = 16;
  int queue = 64;
  bool help = false;
};

using EnvLookup = std::function<const char*(const char*)>;

// args excludes argv[0]. InvalidArgument names the bad flag or variable.
Result<ExecutorConfig> parseExecutorConfig(std::span<const std::string> args,
                                           const EnvLookup& env);

std::string executorUsage();

}  // namespace arena::executor
