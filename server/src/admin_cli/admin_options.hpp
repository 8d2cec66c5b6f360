#pragma once
// arena-admin's command line: global flags (or their environment variables), a command, and the
// command's own arguments. Pure parsing, so it is tested without a server.
//
//   arena-admin [--server URL] [--user NAME] [--password PW] COMMAND [ARGS...]
//   ARENA_ADMIN_SERVER, ARENA_ADMIN_USER, ARENA_ADMIN_PASSWORD stand in for the flags (a flag
//   wins). The password is better given through the environment: flags show in `ps`.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::server::admin {

struct AdminOptions {
  std::string server = "http://127.0.0.1:8080";
  std::string user = "admin";
  std::string password;
  std::string command;
  std::vector<std::string> positional;       // the command's plain arguments
  std::map<std::string, std::string> flags;  // the command's --name value pairs
};

// `env` looks a variable up (std::getenv in main, a map in tests).
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// InvalidArgument for an unknown global flag, a flag without its value, or no command.
Result<AdminOptions> parseAdminArguments(const std::vector<std::string>& args,
                                         const EnvLookup& env);

// The usage text printed for --help and after a usage error.
const std::string& adminUsage();

}  // namespace arena::server::admin
