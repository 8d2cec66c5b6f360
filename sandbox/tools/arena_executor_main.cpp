// arena-executor: the stateless execution microservice (POST /execute). Wiring only; the
// logic lives in arena_executor and arena_judge.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "arena/judge/compile_cache.hpp"
#include "arena/judge/language.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "executor_config.hpp"
#include "executor_server.hpp"
#include "executor_service.hpp"

namespace {

int die(const std::string& message) {
  std::fprintf(stderr, "arena-executor: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace arena;
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto config = executor::parseExecutorConfig(args, [](const char* name) { return std::getenv(name); });
  if (!config) return die(config.error().message + "\n" + executor::executorUsage());
  if (config->help) {
    std::fputs(executor::executorUsage().c_str(), stdout);
    return 0;
  }

  auto languages = judge::LanguageTable::load(config->languagesFile);
  if (!languages) return die(languages.error().message);
  languages->detectAvailability();

  // The sandbox forks its keeper processes: create it before any thread exists.
  sandbox::SandboxOptions sandboxOptions;
  sandboxOptions.slots = static_cast<std::uint32_t>(config->sandboxes);
  auto box = sandbox::Sandbox::create(sandboxOptions);
  if (!box) return die("sandbox: " + box.error().message);

  auto cache = judge::CompileCache::open(config->cacheDir);
  if (!cache) return die(cache.error().message);

  // Block the stop signals in every thread (Poco's inherit the mask); sigwait takes them below.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  executor::ExecutorService service(std::move(*languages), *box, std::move(*cache),
                                    {.workDir = config->workDir});
  executor::ExecutorServer::Options serverOptions;
  serverOptions.bind = config->bind;
  serverOptions.port = config->port;
  serverOptions.threads = config->threads;
  serverOptions.queue = config->queue;
  serverOptions.logRequests = true;
  auto server = executor::ExecutorServer::start(service, serverOptions);
  if (!server) return die(server.error().message);

  std::printf("arena-executor listening on %s (sandbox: %s, %d slots, languages: %s)\n",
              (*server)->url().c_str(), std::string(sandbox::isolationName(box->isolation())).c_str(),
              config->sandboxes, config->languagesFile.c_str());
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stopSignals, &signal);
  std::fprintf(stderr, "arena-executor: signal %d, stopping\n", signal);
  (*server)->stop();
  return 0;
}
