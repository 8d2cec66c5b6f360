#pragma once
// arena-admin as a proctor runs it, for the tests that drive a real server through it: the
// admin's password in the environment, stdout and stderr captured together, the exit status.

#include <sys/wait.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>

namespace arena::server::testing {

struct AdminRun {
  int exitCode = -1;
  std::string output;  // stdout and stderr together
};

inline AdminRun runArenaAdmin(int port, const std::string& password,
                              const std::string& arguments) {
  const std::string command = "ARENA_ADMIN_PASSWORD='" + password + "' " + ARENA_ADMIN_BINARY +
                              std::string(" --server http://127.0.0.1:") + std::to_string(port) +
                              " " + arguments + " 2>&1";
  AdminRun run;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    run.output.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// The number printed after `said` ("created contest 7" -> "7"); empty when there is none.
// (std::regex trips GCC 12's -Wmaybe-uninitialized under the sanitizers.)
inline std::string numberAfter(const std::string& output, const std::string& said) {
  const auto at = output.find(said);
  if (at == std::string::npos) return {};
  const auto begin = at + said.size();
  return output.substr(begin, output.find_first_not_of("0123456789", begin) - begin);
}

}  // namespace arena::server::testing
