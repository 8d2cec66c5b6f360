#include "server_process.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace arena::server::testing {

namespace {

// A port the kernel just gave out and released: free unless another process races for it.
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

ServerProcess::ServerProcess(ServerOptions options) : m_options(std::move(options)) {
  m_logFile = m_options.dataDir.string() + ".stderr.log";
}

ServerProcess::~ServerProcess() {
  if (m_pid > 0) stop();
}

bool ServerProcess::start(std::chrono::seconds timeout) {
  m_port = freePort();
  std::map<std::string, std::string> env = m_options.env;
  env["ARENA_HTTP_PORT"] = std::to_string(m_port);
  env["ARENA_BIND"] = "127.0.0.1";
  env["ARENA_DATA_DIR"] = m_options.dataDir.string();
  env["ARENA_JUDGES"] = std::to_string(m_options.judges);
  if (!m_options.dbUrl.empty()) env["ARENA_DB_URL"] = m_options.dbUrl;

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    m_why = "pipe failed";
    return false;
  }
  m_pid = ::fork();
  if (m_pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    const int log = ::open(m_logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log >= 0) ::dup2(log, STDERR_FILENO);
    for (const auto& [name, value] : env) ::setenv(name.c_str(), value.c_str(), 1);
    ::execl(ARENA_SERVER_BINARY, ARENA_SERVER_BINARY, static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);

  // Read stdout line by line until "listening on", remembering the admin password line.
  std::string pending;
  bool listening = false;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!listening && std::chrono::steady_clock::now() < deadline) {
    pollfd poller{out[0], POLLIN, 0};
    if (::poll(&poller, 1, 200) <= 0) continue;
    char buffer[4096];
    const ssize_t got = ::read(out[0], buffer, sizeof buffer);
    if (got <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(got));
    std::size_t newline = 0;
    while ((newline = pending.find('\n')) != std::string::npos) {
      const std::string line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      static constexpr std::string_view kPassword = "admin password: ";
      if (const auto at = line.find(kPassword); at != std::string::npos) {
        m_adminPassword = line.substr(at + kPassword.size());
      }
      if (line.find("listening on") != std::string::npos) listening = true;
    }
  }
  // Later output is not read: keep the pipe drained by handing it to /dev/null semantics.
  ::close(out[0]);
  if (!listening) {
    m_why = "arena-server did not start; its log:\n" + logTail();
    stop();
    return false;
  }
  return true;
}

void ServerProcess::kill() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGKILL);
  int status = 0;
  ::waitpid(m_pid, &status, 0);
  m_pid = -1;
}

int ServerProcess::stop() {
  if (m_pid <= 0) return -1;
  ::kill(m_pid, SIGTERM);
  int status = 0;
  for (int i = 0; i < 300; ++i) {  // 30 s, then SIGKILL
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    ::usleep(100'000);
  }
  kill();
  return -1;
}

std::string ServerProcess::logTail(std::size_t bytes) const {
  std::ifstream in(m_logFile);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > bytes ? all.substr(all.size() - bytes) : all;
}

}  // namespace arena::server::testing
