#include "admin_cli/admin_options.hpp"

namespace arena::server::admin {

const std::string& adminUsage() {
  static const std::string kUsage =
      "usage: arena-admin [--server URL] [--user NAME] [--password PW] COMMAND [ARGS]\n"
      "  (or ARENA_ADMIN_SERVER, ARENA_ADMIN_USER, ARENA_ADMIN_PASSWORD)\n"
      "commands:\n"
      "  verify-problem PATH [--json] ...           judge a package's own submissions locally\n"
      "  status                                     queue, judges, live clients, version\n"
      "  import-problem <zip|dir> [--slug S] [--difficulty easy|medium|hard]\n"
      "  accounts-import <file.csv|file.tsv> [--sheet out.html] [--json out.json]\n"
      "                                             [--title TEXT]\n"
      "  rejudge --submission N | --problem SLUG\n"
      "  contest-create <contest.json>              body as POST /api/contests takes it\n"
      "  contest-import <dir|zip> [--starts-at TIME] [--difficulty D] [--visibility V]\n"
      "                                             a contest package: contest.yaml, problems.yaml\n"
      "                                             and a problem package per problem; prints the\n"
      "                                             new contest's id\n"
      "  contest-teams <id> <accounts.json>         one team per account of accounts-import --json,\n"
      "                                             named by its display name\n"
      "  contest-start <id>                         starts the contest now\n"
      "  contest-freeze <id>                        freezes the public board now\n"
      "  contest-unfreeze <id>                      reveals the frozen board\n"
      "  contest-reveal <id> [--steps N|all]        reveals the frozen board cell by cell, the\n"
      "                                             lowest-ranked team first (after the end)\n"
      "  contest-export <id> [--out results.csv] [--html scoreboard.html]\n"
      "                                             the final standings as CSV, and the public\n"
      "                                             board as a static page\n";
  return kUsage;
}

Result<AdminOptions> parseAdminArguments(const std::vector<std::string>& args,
                                         const EnvLookup& env) {
  AdminOptions options;
  if (auto server = env("ARENA_ADMIN_SERVER")) options.server = *server;
  if (auto user = env("ARENA_ADMIN_USER")) options.user = *user;
  if (auto password = env("ARENA_ADMIN_PASSWORD")) options.password = *password;

  std::size_t i = 0;
  // Global flags come before the command.
  for (; i < args.size() && args[i].starts_with("--"); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help") return fail(ErrorCode::InvalidArgument, "help");
    std::string* target = flag == "--server"     ? &options.server
                          : flag == "--user"     ? &options.user
                          : flag == "--password" ? &options.password
                                                 : nullptr;
    if (target == nullptr) return fail(ErrorCode::InvalidArgument, "unknown option " + flag);
    if (i + 1 >= args.size()) return fail(ErrorCode::InvalidArgument, flag + " needs a value");
    *target = args[++i];
  }
  if (i >= args.size()) return fail(ErrorCode::InvalidArgument, "no command given");
  options.command = args[i++];
  for (; i < args.size(); ++i) {
    if (args[i].starts_with("--")) {
      if (i + 1 >= args.size()) {
        return fail(ErrorCode::InvalidArgument, args[i] + " needs a value");
      }
      options.flags[args[i].substr(2)] = args[i + 1];
      ++i;
    } else {
      options.positional.push_back(args[i]);
    }
  }
  if (options.server.empty()) return fail(ErrorCode::InvalidArgument, "--server is empty");
  return options;
}

}  // namespace arena::server::admin
