// arena-admin: proctor and admin tasks against a running arena-server (see admin_options.hpp),
// plus `verify-problem`, which judges a problem package locally in the sandbox
// (sandbox/tools/arena_admin_main.cpp) and needs no server.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin_cli/admin_commands.hpp"

// The sandbox's verify-problem command (arena_verify_problem_cli).
int arenaVerifyProblemMain(int argc, char** argv);

int main(int argc, char** argv) {
  using namespace arena::server::admin;
  // First, before anything else runs: the sandbox forks its keepers from a small process.
  if (argc > 1 && std::string_view(argv[1]) == "verify-problem") {
    return arenaVerifyProblemMain(argc, argv);
  }
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto options = parseAdminArguments(args, [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  });
  if (!options) {
    if (options.error().message == "help") {
      std::cout << adminUsage();
      return 0;
    }
    std::cerr << "arena-admin: " << options.error().message << "\n" << adminUsage();
    return 2;
  }
  CommandContext context{std::cout, std::cerr, [] {
                           return std::chrono::time_point_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now());
                         }};
  return runAdmin(*options, context);
}
