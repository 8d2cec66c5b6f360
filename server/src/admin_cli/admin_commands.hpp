#pragma once
// The commands of arena-admin, each a short list of HTTP calls against a running server:
//   status, import-problem, accounts-import, rejudge, contest-create, contest-start,
//   contest-freeze, contest-unfreeze, contest-export (see adminUsage()).
// A command prints what it did on `out` and why it failed on `err`, and returns the process
// exit code: 0 done, 1 the server refused or could not be reached, 2 a usage error.

#include <functional>
#include <ostream>

#include "admin_cli/admin_client.hpp"
#include "admin_cli/admin_options.hpp"
#include "arena/core/timestamp.hpp"

namespace arena::server::admin {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  // The time contest-start and contest-freeze use as "now".
  std::function<Timestamp()> now;
};

int runAdminCommand(const AdminOptions& options, AdminClient& client, CommandContext& context);

// Logs in and runs the command; what main calls.
int runAdmin(const AdminOptions& options, CommandContext& context);

}  // namespace arena::server::admin
