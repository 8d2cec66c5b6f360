#pragma once
// The composition root of arena-server: builds every part from a ServerConfig, in an order that
// respects what each needs, and serves until stop(). Start-up, in order:
//   1. the sandbox (it forks its keeper processes, so it comes before any thread exists);
//   2. the data directory, the JWT secret, the database (migrations applied);
//   3. the admin account on first start, the sample problems not loaded yet;
//   4. the judge (languages, compile cache, compiler), package store, queue and playground;
//   5. the features' services and their routes, the system routes, the web UI fallback;
//   6. the HTTP server, then the judge workers after every unfinished submission is queued
//      again (a restart after a crash loses nothing).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/server_config.hpp"
#include "arena/core/error.hpp"
#include "http/router.hpp"

namespace arena::server::app {

// What start-up did, for the one-time messages main prints.
struct StartupReport {
  std::optional<std::string> adminPassword;  // set only on the start that made the account
  std::filesystem::path adminPasswordFile;
  int samplesLoaded = 0;
  int problems = 0;
  std::string isolation;  // the sandbox's mode
  bool webui = false;     // a built web UI is served at /
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> start(const ServerConfig& config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;
  const StartupReport& startup() const;
  const http::Router& router() const;
  // Stops taking requests, lets running judgements finish, closes everything.
  void stop();

  struct Parts;

 private:
  explicit Server(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> m_parts;
};

}  // namespace arena::server::app
