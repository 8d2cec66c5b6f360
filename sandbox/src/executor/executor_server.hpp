#pragma once
// The Poco HTTP front of arena-executor. Theory of operation:
//  - a bounded Poco thread pool serves connections (keep-alive: a connection holds its thread
//    while open), up to `threads`; up to `queue` accepted connections wait for one;
//  - each request is read with a hard cap (Content-Length checked before reading, chunked
//    bodies cut at the cap) and handed to ExecutorRouter, a plain function;
//  - every exception is caught in exactly one place (the handler) and becomes a 500 in the
//    error shape; nothing escapes into Poco's threads;
//  - every response carries a Content-Length so connections stay alive; a response sent
//    without reading the request body closes the connection instead.

#include <cstdint>
#include <memory>
#include <string>

#include "arena/core/error.hpp"
#include "executor_service.hpp"

namespace arena::executor {

class ExecutorServer {
 public:
  struct Options {
    std::string bind = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: any free port (read it back with port())
    int threads = 16;
    int queue = 64;
    bool logRequests = false;   // one JSON line per request on stderr
  };

  // Binds and starts serving; Unavailable when the address cannot be bound. Ignores SIGPIPE
  // process-wide (create the sandbox first: its keepers keep the default disposition).
  static Result<std::unique_ptr<ExecutorServer>> start(ExecutorService& service, Options options);

  ExecutorServer(const ExecutorServer&) = delete;
  ExecutorServer& operator=(const ExecutorServer&) = delete;
  ~ExecutorServer();

  std::uint16_t port() const;
  std::string url() const;  // http://HOST:PORT
  // Stops accepting and waits for running requests to finish.
  void stop();

  struct Impl;

 private:
  explicit ExecutorServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace arena::executor
