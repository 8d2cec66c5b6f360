#pragma once
// Shared by the scale-out integration tests and the judge_burst bench: an arena-judge worker
// process (started like ServerProcess, from the built binary), and the calls a burst makes: a
// fast problem made over the API, submissions, verdict counts from analytics.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_client.hpp"

namespace arena::server::testing {

struct JudgeProcessOptions {
  std::string binary;  // arena-judge
  std::string dbUrl;
  std::string redisUrl;
  std::filesystem::path dataDir;
  int workers = 2;
  int sandboxUid = 60000;
  int leaseMs = 60000;
};

class JudgeProcess {
 public:
  explicit JudgeProcess(JudgeProcessOptions options) : m_options(std::move(options)) {}
  ~JudgeProcess() { kill(); }
  JudgeProcess(const JudgeProcess&) = delete;
  JudgeProcess& operator=(const JudgeProcess&) = delete;

  // Starts it and waits for its "arena-judge ready" line.
  bool start(std::chrono::seconds timeout = std::chrono::seconds(60)) {
    std::filesystem::create_directories(m_options.dataDir);
    std::filesystem::permissions(m_options.dataDir, std::filesystem::perms::owner_all |
                                                        std::filesystem::perms::group_exec |
                                                        std::filesystem::perms::others_exec);
    m_log = m_options.dataDir.string() + ".stderr.log";
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return false;
    const std::vector<std::string> args{m_options.binary,
                                        "--db",
                                        m_options.dbUrl,
                                        "--redis",
                                        m_options.redisUrl,
                                        "--workers",
                                        std::to_string(m_options.workers),
                                        "--sandbox-uid",
                                        std::to_string(m_options.sandboxUid),
                                        "--data-dir",
                                        m_options.dataDir.string(),
                                        "--lease-ms",
                                        std::to_string(m_options.leaseMs)};
    m_pid = ::fork();
    if (m_pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      const int log = ::open(m_log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (log >= 0) ::dup2(log, STDERR_FILENO);
      std::vector<char*> argv;
      for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    std::string seen;
    bool ready = false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!ready && std::chrono::steady_clock::now() < deadline) {
      pollfd poller{out[0], POLLIN, 0};
      if (::poll(&poller, 1, 200) <= 0) continue;
      char buffer[1024];
      const ssize_t got = ::read(out[0], buffer, sizeof buffer);
      if (got <= 0) break;
      seen.append(buffer, static_cast<std::size_t>(got));
      ready = seen.find("arena-judge ready") != std::string::npos;
    }
    ::close(out[0]);
    if (!ready) kill();
    return ready;
  }
  void kill() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }
  // SIGTERM: finishes running judgements; the exit status.
  int stop() {
    if (m_pid <= 0) return -1;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string logTail(std::size_t bytes = 3000) const {
    std::ifstream in(m_log);
    std::stringstream text;
    text << in.rdbuf();
    const std::string all = text.str();
    return all.size() > bytes ? all.substr(all.size() - bytes) : all;
  }

 private:
  JudgeProcessOptions m_options;
  pid_t m_pid = -1;
  std::string m_log;
};

// A C++ program for the burst problem (sum of two numbers on one line) and a wrong one.
inline constexpr const char* kBurstCpp =
    "#include <cstdio>\nint main(){long long a,b;std::scanf(\"%lld %lld\",&a,&b);"
    "std::printf(\"%lld\\n\",a+b);}\n";
inline constexpr const char* kBurstWrongCpp =
    "#include <cstdio>\nint main(){long long a,b;std::scanf(\"%lld %lld\",&a,&b);"
    "std::printf(\"%lld\\n\",a-b);}\n";

// Makes a problem with `tests` cases of "a b" -> a+b over the API (as a proctor); its id or 0.
inline std::int64_t createBurstProblem(HttpClient& http, const std::string& token,
                                       const std::string& slug, int tests) {
  nlohmann::json cases = nlohmann::json::array();
  for (int i = 1; i <= tests; ++i) {
    cases.push_back({{"input", std::to_string(i) + " " + std::to_string(i * 7) + "\n"},
                     {"expected_output", std::to_string(i * 8) + "\n"},
                     {"is_public", i == 1}});
  }
  const HttpResult made = http.post("/api/problems",
                                    {{"slug", slug},
                                     {"title", "Burst " + slug},
                                     {"difficulty", "easy"},
                                     {"description", "Add two numbers."},
                                     {"limits", {{"time_limit_ms", 2000},
                                                 {"memory_limit_kb", 262144},
                                                 {"output_limit_kb", 1024}}},
                                     {"tests", cases}},
                                    token);
  if (made.status != 201) return 0;
  return made.json().at("id").get<std::int64_t>();
}

// Verdict analytics events by submission id (at most `limit` events read).
inline std::map<std::int64_t, int> verdictEventsBySubmission(HttpClient& http,
                                                             const std::string& adminToken,
                                                             int limit = 1000) {
  std::map<std::int64_t, int> counts;
  const HttpResult events = http.get(
      "/api/analytics/events?type=verdict&limit=" + std::to_string(limit), adminToken);
  if (events.status != 200) return counts;
  const nlohmann::json body = events.json();  // kept: iterating a temporary's member dangles
  for (const auto& event : body.at("events")) {
    ++counts[event.at("metadata").at("submission_id").get<std::int64_t>()];
  }
  return counts;
}

}  // namespace arena::server::testing
