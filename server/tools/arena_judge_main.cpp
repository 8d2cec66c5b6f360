// arena-judge: a judge worker process for scale-out. It takes jobs from the Redis judge queue
// (shared with every arena-server replica), judges them in its own sandbox with the same
// JudgeWorkers as the embedded server, records results in the shared database (idempotent per
// judging attempt) and publishes progress and verdicts on the Redis event bus, from which every
// replica's WebSocket hub hears them. Any number may run, on any machine that reaches the
// database and Redis. SIGTERM or SIGINT: running judgements finish, then it exits; a job it
// took but did not finish is reclaimed by another worker after the lease.
//
// Problem packages are written from the database rows on first use (PackageStore), under
// --data-dir; packages imported as zips (custom checkers) live only on the importing replica.

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "arena/judge/compile_cache.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/language.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "features/judging/judge_workers.hpp"
#include "features/judging/package_store.hpp"
#include "http/metrics.hpp"
#include "live/judge_event_publisher.hpp"
#include "scaleout/scale_out.hpp"
#include "storage/storage.hpp"

namespace {

namespace fs = std::filesystem;
using namespace arena;
using namespace arena::server;

constexpr const char* kUsage =
    R"(usage: arena-judge --db URL --redis URL [--workers N] [--sandbox-uid N] [--data-dir DIR]
                   [--lease-ms N] [--prefix P]
  --db URL          the servers' database (mysql://... ; env ARENA_DB_URL)
  --redis URL       redis://[:password@]host:port[/db] (env ARENA_REDIS_URL)
  --workers N       judging threads (env ARENA_JUDGE_WORKERS; default: number of cores)
  --sandbox-uid N   first host uid of the sandbox boxes (env ARENA_SANDBOX_UID; 60000)
  --data-dir DIR    packages, compile cache, work files (env ARENA_DATA_DIR; ./arena-judge-data)
  --lease-ms N      a job not acked for this long goes to another worker (60000)
  --prefix P        Redis key prefix, the same as the servers' (arena)
)";

int die(const std::string& message) {
  std::fprintf(stderr, "arena-judge: %s\n", message.c_str());
  return 1;
}

struct Config {
  std::string db;
  std::string redis;
  int workers = 0;
  int sandboxUid = 60000;
  fs::path dataDir = "arena-judge-data";
  long long leaseMs = 60000;
  std::string prefix = "arena";
};

bool parseNumber(const std::string& text, long long min, long long max, long long& out) {
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0' || value < min || value > max) {
    return false;
  }
  out = value;
  return true;
}

Result<Config> parse(const std::vector<std::string>& args) {
  Config config;
  std::map<std::string, std::string> values;
  const auto env = [&](const char* name, const char* flag) {
    if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
      values[flag] = value;
    }
  };
  env("ARENA_DB_URL", "--db");
  env("ARENA_REDIS_URL", "--redis");
  env("ARENA_JUDGE_WORKERS", "--workers");
  env("ARENA_SANDBOX_UID", "--sandbox-uid");
  env("ARENA_DATA_DIR", "--data-dir");
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") return fail(ErrorCode::NotFound, "help");
    static const std::vector<std::string> kFlags{"--db",       "--redis",    "--workers",
                                                 "--sandbox-uid", "--data-dir", "--lease-ms",
                                                 "--prefix"};
    if (std::find(kFlags.begin(), kFlags.end(), flag) == kFlags.end()) {
      return fail(ErrorCode::InvalidArgument, "unknown option " + flag);
    }
    if (i + 1 >= args.size()) return fail(ErrorCode::InvalidArgument, flag + " needs a value");
    values[flag] = args[++i];
  }
  long long number = 0;
  for (const auto& [flag, value] : values) {
    if (flag == "--db") config.db = value;
    if (flag == "--redis") config.redis = value;
    if (flag == "--data-dir") config.dataDir = value;
    if (flag == "--prefix") config.prefix = value;
    if (flag == "--workers" || flag == "--sandbox-uid" || flag == "--lease-ms") {
      const bool ok = flag == "--workers"       ? parseNumber(value, 1, 256, number)
                      : flag == "--sandbox-uid" ? parseNumber(value, 10000, 2000000000, number)
                                                : parseNumber(value, 100, 86400000, number);
      if (!ok) return fail(ErrorCode::InvalidArgument, flag + ": bad number '" + value + "'");
      if (flag == "--workers") config.workers = static_cast<int>(number);
      if (flag == "--sandbox-uid") config.sandboxUid = static_cast<int>(number);
      if (flag == "--lease-ms") config.leaseMs = number;
    }
  }
  if (config.db.empty()) return fail(ErrorCode::InvalidArgument, "--db is required");
  if (config.redis.empty()) return fail(ErrorCode::InvalidArgument, "--redis is required");
  if (config.workers == 0) {
    config.workers = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  }
  return config;
}

template <class T>
Result<T> context(Result<T> result, const std::string& what) {
  if (!result) return fail(result.error().code, what + ": " + result.error().message);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  auto config = parse(std::vector<std::string>(argv + 1, argv + argc));
  if (!config) {
    if (config.error().code == ErrorCode::NotFound) {
      std::fputs(kUsage, stdout);
      return 0;
    }
    return die(config.error().message + "\n\n" + kUsage);
  }
  // Stop signals are taken by sigwait below; every thread (and the sandbox's keepers, which
  // restore the default mask) inherits the block.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  sandbox::SandboxOptions sandboxOptions;
  sandboxOptions.slots = static_cast<std::uint32_t>(2 * config->workers + 1);
  sandboxOptions.firstUid = static_cast<std::uint32_t>(config->sandboxUid);
  auto box = context(sandbox::Sandbox::create(sandboxOptions), "sandbox");
  if (!box) return die(box.error().message);
  sandbox::Sandbox boxes = std::move(*box);

  std::error_code ec;
  fs::create_directories(config->dataDir / "work", ec);
  if (ec) return die("data dir " + config->dataDir.string() + ": " + ec.message());
  auto storage = context(storage::Storage::open(config->db, {.poolSize = config->workers + 2}),
                         "database");
  if (!storage) return die(storage.error().message);

  scaleout::ScaleOutOptions scaleOptions;
  scaleOptions.prefix = config->prefix;
  scaleOptions.queue.lease = std::chrono::milliseconds(config->leaseMs);
  scaleOptions.queue.claimInterval =
      std::min(std::chrono::milliseconds(1000), std::chrono::milliseconds(config->leaseMs / 4));
  auto redis = context(scaleout::connect(config->redis, scaleOptions), "redis");
  if (!redis) return die(redis.error().message);

  auto languages = context(judge::LanguageTable::load(judge::defaultLanguagesFile()), "languages");
  if (!languages) return die(languages.error().message);
  languages->detectAvailability();
  auto cache =
      context(judge::CompileCache::open(config->dataDir / "compile-cache"), "compile cache");
  if (!cache) return die(cache.error().message);
  const fs::path workRoot = config->dataDir / "work";
  judge::Compiler compiler(boxes, cache->get(), workRoot);
  judge::Judge judge(boxes, *languages, compiler, workRoot);
  judging::PackageStore packages((*storage)->problems(), config->dataDir / "packages");
  http::Metrics metrics;

  judging::JudgeWorkerOptions workerOptions;
  workerOptions.announceJudgedAgain = true;  // see JudgeWorkerOptions: a killed worker's verdict
  judging::JudgeWorkers workers(**storage, packages, *redis->queue, judge, *languages, metrics,
                                live::JudgeEventPublisher(*redis->events).listener(),
                                workerOptions);
  workers.start(config->workers);
  std::printf("arena-judge ready: %d workers, consumer %s, sandbox %s\n", config->workers,
              redis->queue->consumer().c_str(),
              std::string(sandbox::isolationName(boxes.isolation())).c_str());
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stopSignals, &signal);
  std::fprintf(stderr, "arena-judge: signal %d, finishing running judgements\n", signal);
  redis->queue->close();
  workers.stop();
  return 0;
}
