#pragma once
// A real arena-server for integration tests: the built binary started as a child process on a
// free port with its own data directory, talked to over loopback HTTP. The child's stdout is
// read until it prints its "listening on" line; stderr (JSON request logs) goes to a file that
// a failing test can show.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

namespace arena::server::testing {

struct ServerOptions {
  std::filesystem::path dataDir;
  std::string dbUrl;  // empty: the embedded SQLite default
  int judges = 1;
  std::map<std::string, std::string> env;  // more ARENA_* settings
};

class ServerProcess {
 public:
  explicit ServerProcess(ServerOptions options);
  ~ServerProcess();  // stops the server if it still runs
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts the server and waits until it listens; false (with why()) when it did not.
  bool start(std::chrono::seconds timeout = std::chrono::seconds(60));
  // SIGKILL, as a crash or a power cut would.
  void kill();
  // SIGTERM and wait.
  int stop();

  int port() const { return m_port; }
  std::string host() const { return "127.0.0.1"; }
  const std::string& why() const { return m_why; }
  // The admin password printed on first start (empty on later starts).
  const std::string& adminPassword() const { return m_adminPassword; }
  std::string logTail(std::size_t bytes = 4000) const;

 private:
  ServerOptions m_options;
  pid_t m_pid = -1;
  int m_port = 0;
  std::string m_why;
  std::string m_adminPassword;
  std::filesystem::path m_logFile;
};

}  // namespace arena::server::testing
