#include "executor_config.hpp"

#include <charconv>
#include <thread>

#include "arena/core/command_line.hpp"
#include "arena/judge/language.hpp"

namespace arena::executor {

namespace {

Result<long long> parseInt(const std::string& text, long long minimum, long long maximum,
                           const std::string& what) {
  long long value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value < minimum || value > maximum) {
    return fail(ErrorCode::InvalidArgument,
                what + " must be an integer in [" + std::to_string(minimum) + ", " +
                    std::to_string(maximum) + "], got '" + text + "'");
  }
  return value;
}

// One setting: its flag, its variable, and how to apply a value.
struct Setting {
  const char* flag;
  const char* variable;
  std::function<Result<void>(ExecutorConfig&, const std::string&, const std::string&)> apply;
};

Result<void> applyInt(int& target, const std::string& value, const std::string& what,
                      long long minimum, long long maximum) {
  auto parsed = parseInt(value, minimum, maximum, what);
  if (!parsed) return std::unexpected(parsed.error());
  target = static_cast<int>(*parsed);
  return {};
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings = {
      {"--bind", "ARENA_EXECUTOR_BIND",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         if (v.empty()) return fail(ErrorCode::InvalidArgument, what + " must not be empty");
         c.bind = v;
         return {};
       }},
      {"--port", "ARENA_EXECUTOR_PORT",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         auto parsed = parseInt(v, 0, 65535, what);
         if (!parsed) return std::unexpected(parsed.error());
         c.port = static_cast<std::uint16_t>(*parsed);
         return {};
       }},
      {"--languages", "ARENA_EXECUTOR_LANGUAGES",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         if (v.empty()) return fail(ErrorCode::InvalidArgument, what + " must not be empty");
         c.languagesFile = v;
         return {};
       }},
      {"--cache-dir", "ARENA_EXECUTOR_CACHE_DIR",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         if (v.empty()) return fail(ErrorCode::InvalidArgument, what + " must not be empty");
         c.cacheDir = v;
         return {};
       }},
      {"--work-dir", "ARENA_EXECUTOR_WORK_DIR",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) -> Result<void> {
         if (v.empty()) return fail(ErrorCode::InvalidArgument, what + " must not be empty");
         c.workDir = v;
         return {};
       }},
      {"--sandboxes", "ARENA_EXECUTOR_SANDBOXES",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) {
         return applyInt(c.sandboxes, v, what, 0, 256);
       }},
      {"--threads", "ARENA_EXECUTOR_THREADS",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) {
         return applyInt(c.threads, v, what, 1, 1024);
       }},
      {"--queue", "ARENA_EXECUTOR_QUEUE",
       [](ExecutorConfig& c, const std::string& v, const std::string& what) {
         return applyInt(c.queue, v, what, 1, 65536);
       }},
  };
  return kSettings;
}

std::filesystem::path tempRoot(const EnvLookup& env) {
  const char* tmp = env("TMPDIR");
  return std::filesystem::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") / "arena-executor";
}

}  // namespace

Result<ExecutorConfig> parseExecutorConfig(std::span<const std::string> args,
                                           const EnvLookup& env) {
  ExecutorConfig config;
  for (const auto& setting : settings()) {
    if (const char* value = env(setting.variable); value != nullptr) {
      if (auto ok = setting.apply(config, value, setting.variable); !ok) {
        return std::unexpected(ok.error());
      }
    }
  }
  auto findSetting = [](std::string_view flag) -> const Setting* {
    for (const auto& setting : settings()) {
      if (flag == setting.flag) return &setting;
    }
    return nullptr;
  };
  auto flags = forEachFlag(
      args, [&](std::string_view flag) { return findSetting(flag) != nullptr; },
      [&](const std::string& flag, const std::string& value) {
        return findSetting(flag)->apply(config, value, flag);
      },
      config.help);
  if (!flags) return std::unexpected(flags.error());

  if (config.languagesFile.empty()) config.languagesFile = judge::defaultLanguagesFile();
  if (config.cacheDir.empty()) config.cacheDir = tempRoot(env) / "cache";
  if (config.workDir.empty()) config.workDir = tempRoot(env) / "work";
  if (config.sandboxes == 0) {
    config.sandboxes = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  }
  return config;
}

std::string executorUsage() {
  return "usage: arena-executor [--bind ADDR] [--port N] [--languages FILE] [--cache-dir DIR]\n"
         "                      [--work-dir DIR] [--sandboxes N] [--threads N] [--queue N]\n"
         "\n"
         "Serves POST /execute, GET /languages and GET /healthz.\n"
         "Each flag has an environment equivalent: ARENA_EXECUTOR_BIND, ARENA_EXECUTOR_PORT,\n"
         "ARENA_EXECUTOR_LANGUAGES, ARENA_EXECUTOR_CACHE_DIR, ARENA_EXECUTOR_WORK_DIR,\n"
         "ARENA_EXECUTOR_SANDBOXES, ARENA_EXECUTOR_THREADS, ARENA_EXECUTOR_QUEUE.\n"
         "Defaults: 127.0.0.1:8080, the installed language table, one sandbox per CPU.\n";
}

}  // namespace arena::executor
