// arena-server: the CodeArena server. Wiring only; everything lives in arena_server.

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/server.hpp"
#include "app/server_config.hpp"

namespace {

int die(const std::string& message) {
  std::fprintf(stderr, "arena-server: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace arena::server::app;
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto config = parseServerConfig(
      args, [](const char* name) { return std::getenv(name); }, readWholeFile);
  if (!config) return die(config.error().message + "\n\n" + serverUsage());
  if (config->help) {
    std::fputs(serverUsage().c_str(), stdout);
    return 0;
  }

  // Block the stop signals in every thread (the server's threads inherit the mask); sigwait
  // takes them below. The sandbox forks its keepers first, with the default mask restored.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  auto server = Server::start(*config);
  if (!server) return die(server.error().message);
  const StartupReport& report = (*server)->startup();

  const std::string host = config->bind == "0.0.0.0" ? "localhost" : config->bind;
  const std::string url = "http://" + host + ":" + std::to_string((*server)->port());
  if (report.adminPassword) {
    std::printf("First start: created the account 'admin'.\n  admin password: %s\n"
                "  (also in %s; change it after logging in)\n",
                report.adminPassword->c_str(), report.adminPasswordFile.c_str());
  }
  std::printf("Data in %s; database %s\n", config->dataDir.c_str(),
              config->dbUrl.starts_with("mysql://") ? "MySQL" : config->dbUrl.c_str());
  std::printf("%d problems (%d sample problems loaded now); %d judge workers; sandbox: %s\n",
              report.problems, report.samplesLoaded, config->judges, report.isolation.c_str());
  if (report.webui) {
    std::printf("Web UI: %s/\n", url.c_str());
  } else {
    std::printf("Web UI: not built (no %s/index.html); the API is at %s/api\n",
                config->webuiDir.c_str(), url.c_str());
  }
  std::printf("arena-server listening on %s (API %s/api, OpenAPI %s/api/openapi.json)\n",
              url.c_str(), url.c_str(), url.c_str());
  std::fflush(stdout);

  int signal = 0;
  sigwait(&stopSignals, &signal);
  std::fprintf(stderr, "arena-server: signal %d, stopping\n", signal);
  (*server)->stop();
  return 0;
}
