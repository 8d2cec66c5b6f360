#include "admin_cli/admin_commands.hpp"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <nlohmann/json.hpp>

#include "admin_cli/account_sheet_file.hpp"
#include "admin_cli/contest_archive.hpp"

namespace arena::server::admin {

namespace fs = std::filesystem;

namespace {

constexpr int kDone = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

// Importing thousands of argon2id accounts takes minutes; everything else is quick.
constexpr std::chrono::seconds kLongTimeout{900};

int usage(CommandContext& context, const std::string& message) {
  context.err << "arena-admin: " << message << "\n" << adminUsage();
  return kUsage;
}

int failed(CommandContext& context, const std::string& message) {
  context.err << "arena-admin: " << message << "\n";
  return kFailed;
}

Result<std::string> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::NotFound, "cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Result<void> writeFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return fail(ErrorCode::Internal, "cannot write " + path.string());
  return {};
}

// A problem directory as a zip in memory, its files at the archive's root.
Result<std::string> zipDirectory(const fs::path& dir) {
  try {
    std::ostringstream bytes;
    Poco::Zip::Compress compress(bytes, true);
    Poco::Path root(dir.string());
    root.makeDirectory();
    compress.addRecursive(root, Poco::Zip::ZipCommon::CL_NORMAL, true);
    compress.close();
    return bytes.str();
  } catch (const Poco::Exception& error) {
    return fail(ErrorCode::Internal, "cannot zip " + dir.string() + ": " + error.displayText());
  }
}

std::optional<std::int64_t> positiveId(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < 1) return std::nullopt;
  return value;
}

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// One call whose success is `expected`; its JSON body, or the failure already reported.
std::optional<AdminReply> call(AdminClient& client, CommandContext& context,
                               const std::string& method, const std::string& path,
                               int expected, const std::string& body = {},
                               const std::string& contentType = "application/json",
                               std::chrono::seconds timeout = std::chrono::seconds(60)) {
  auto reply = client.request(method, path, body, contentType, timeout);
  if (!reply) {
    context.err << "arena-admin: " << reply.error().message << "\n";
    return std::nullopt;
  }
  if (reply->status != expected) {
    context.err << "arena-admin: " << method << " " << path << ": " << describeFailure(*reply)
                << "\n";
    return std::nullopt;
  }
  return std::move(*reply);
}

int status(AdminClient& client, CommandContext& context) {
  auto reply = call(client, context, "GET", "/api/admin/status", 200);
  if (!reply) return kFailed;
  const auto json = nlohmann::json::parse(reply->body, nullptr, false);
  if (!json.is_object()) return failed(context, "the status answer is not JSON");
  const nlohmann::json judges = json.value("judges", nlohmann::json::object());
  context.out << "server time   " << json.value("server_time", "?") << "\n"
              << "version       " << json.value("version", "?") << "\n"
              << "queue depth   " << json.value("queue_depth", 0) << "\n"
              << "judges        " << judges.value("running", 0) << " running of "
              << judges.value("configured", 0) << " configured\n"
              << "live clients  " << json.value("live_clients", 0) << "\n";
  return kDone;
}

int importProblem(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  if (options.positional.size() != 1) return usage(context, "import-problem takes one path");
  const fs::path source = options.positional[0];
  std::error_code ec;
  auto bytes = fs::is_directory(source, ec) ? zipDirectory(source) : readFile(source);
  if (!bytes) return failed(context, bytes.error().message);
  std::string path = "/api/problems/import";
  char separator = '?';
  for (const char* name : {"slug", "difficulty"}) {
    if (auto it = options.flags.find(name); it != options.flags.end()) {
      path += separator + std::string(name) + "=" + percentEncode(it->second);
      separator = '&';
    }
  }
  auto reply = call(client, context, "POST", path, 201, *bytes, "application/zip", kLongTimeout);
  if (!reply) return kFailed;
  const auto json = nlohmann::json::parse(reply->body, nullptr, false);
  context.out << "imported problem '" << json.value("slug", "?") << "' (id "
              << json.value("id", std::int64_t{0}) << ")\n";
  return kDone;
}

int accountsImport(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  if (options.positional.size() != 1) return usage(context, "accounts-import takes one file");
  const fs::path file = options.positional[0];
  auto table = readFile(file);
  if (!table) return failed(context, table.error().message);
  const std::string extension = file.extension().string();
  const std::string contentType =
      extension == ".tsv" || extension == ".tab" ? "text/tab-separated-values" : "text/csv";
  auto reply = call(client, context, "POST", "/api/admin/accounts/import?format=json", 201,
                    *table, contentType, kLongTimeout);
  if (!reply) return kFailed;
  const auto json = nlohmann::json::parse(reply->body, nullptr, false);
  if (!json.is_object() || !json.contains("accounts")) {
    return failed(context, "the import answer is not the expected JSON");
  }
  // The passwords exist only in this answer: write both files before reporting success.
  const auto sheetPath = options.flags.contains("sheet")
                             ? fs::path(options.flags.at("sheet"))
                             : fs::path(file).replace_extension(".sheet.html");
  const std::string title =
      options.flags.contains("title") ? options.flags.at("title") : "CodeArena accounts";
  if (auto ok = writeFile(sheetPath, renderSheetFromJson(json["accounts"], title)); !ok) {
    return failed(context, ok.error().message);
  }
  if (auto it = options.flags.find("json"); it != options.flags.end()) {
    if (auto ok = writeFile(it->second, json.dump(2) + "\n"); !ok) {
      return failed(context, ok.error().message);
    }
  }
  context.out << "created " << json.value("count", std::size_t{0}) << " accounts; sheet "
              << sheetPath.string() << "\n";
  return kDone;
}

int rejudge(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  std::string path;
  if (auto it = options.flags.find("submission"); it != options.flags.end()) {
    const auto id = positiveId(it->second);
    if (!id) return usage(context, "--submission needs a positive number");
    path = "/api/submissions/" + std::to_string(*id) + "/rejudge";
  } else if (auto problem = options.flags.find("problem"); problem != options.flags.end()) {
    path = "/api/problems/" + percentEncode(problem->second) + "/rejudge";
  } else {
    return usage(context, "rejudge needs --submission N or --problem SLUG");
  }
  auto reply = call(client, context, "POST", path, 202);
  if (!reply) return kFailed;
  const auto json = nlohmann::json::parse(reply->body, nullptr, false);
  context.out << "queued " << json.value("rejudged", 0) << " submission(s) for judging again\n";
  return kDone;
}

std::optional<std::int64_t> contestArgument(const AdminOptions& options, CommandContext& context) {
  if (options.positional.size() != 1 || !positiveId(options.positional[0])) {
    usage(context, options.command + " takes a contest id");
    return std::nullopt;
  }
  return positiveId(options.positional[0]);
}

// The PUT body that keeps a contest as it is: the settings keys of its GET answer.
nlohmann::json settingsOf(const nlohmann::json& contest) {
  nlohmann::json body = nlohmann::json::object();
  for (const char* key : {"name", "starts_at", "duration_seconds", "freeze_after_seconds", "rules",
                          "ioi_scoring", "visibility", "offline_grace_seconds", "allowed_cidr"}) {
    if (contest.contains(key) && !contest[key].is_null()) body[key] = contest[key];
  }
  body["problems"] = nlohmann::json::array();
  for (const auto& problem : contest.value("problems", nlohmann::json::array())) {
    body["problems"].push_back({{"problem_id", problem.value("problem_id", std::int64_t{0})},
                                {"label", problem.value("label", "")},
                                {"color", problem.value("color", "")}});
  }
  return body;
}

// contest-start: starts_at = now. contest-freeze: the freeze moves to now.
int changeContest(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  const auto id = contestArgument(options, context);
  if (!id) return kUsage;
  const std::string path = "/api/contests/" + std::to_string(*id);
  auto current = call(client, context, "GET", path, 200);
  if (!current) return kFailed;
  const auto contest = nlohmann::json::parse(current->body, nullptr, false);
  if (!contest.is_object()) return failed(context, "the contest answer is not JSON");
  nlohmann::json body = settingsOf(contest);
  const Timestamp now = context.now();
  if (options.command == "contest-start") {
    body["starts_at"] = formatTimestamp(now);
  } else {
    const auto startsAt = parseTimestamp(contest.value("starts_at", ""));
    if (!startsAt) return failed(context, "the contest has no readable starts_at");
    const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - *startsAt);
    if (elapsed.count() < 0) return failed(context, "the contest has not started yet");
    body["freeze_after_seconds"] = elapsed.count();
  }
  auto reply = call(client, context, "PUT", path, 200, body.dump());
  if (!reply) return kFailed;
  context.out << (options.command == "contest-start" ? "started" : "froze") << " contest " << *id
              << "\n";
  return kDone;
}

int contestCreate(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  if (options.positional.size() != 1) return usage(context, "contest-create takes a JSON file");
  auto body = readFile(options.positional[0]);
  if (!body) return failed(context, body.error().message);
  auto reply = call(client, context, "POST", "/api/contests", 201, *body);
  if (!reply) return kFailed;
  const auto json = nlohmann::json::parse(reply->body, nullptr, false);
  context.out << "created contest " << json.value("id", std::int64_t{0}) << "\n";
  return kDone;
}

// The lab's usual flow: accounts-import --json writes the accounts, and each becomes a one-member
// team named as the table named it (its display name), so the board shows "Team 7, Lab A".
int contestTeams(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  if (options.positional.size() != 2 || !positiveId(options.positional[0])) {
    return usage(context, "contest-teams takes a contest id and an accounts JSON file");
  }
  auto file = readFile(options.positional[1]);
  if (!file) return failed(context, file.error().message);
  const auto accounts = nlohmann::json::parse(*file, nullptr, false);
  if (!accounts.is_object() || !accounts.contains("accounts") || !accounts["accounts"].is_array()) {
    return failed(context, options.positional[1] + " is not the JSON accounts-import writes");
  }
  nlohmann::json teams = nlohmann::json::array();
  for (const auto& account : accounts["accounts"]) {
    const auto id = account.is_object() ? account.value("id", std::int64_t{0}) : 0;
    if (id < 1) return failed(context, "an account in " + options.positional[1] + " has no id");
    std::string name = account.value("display_name", "");
    if (name.empty()) name = account.value("username", "");
    teams.push_back({{"name", name}, {"user_ids", {id}}});
  }
  if (teams.empty()) return failed(context, options.positional[1] + " lists no accounts");
  const std::string path = "/api/contests/" + options.positional[0] + "/participants";
  auto reply = call(client, context, "POST", path, 200, nlohmann::json{{"teams", teams}}.dump());
  if (!reply) return kFailed;
  context.out << "added " << teams.size() << " team(s) to contest " << options.positional[0]
              << "\n";
  return kDone;
}

int contestUnfreeze(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  const auto id = contestArgument(options, context);
  if (!id) return kUsage;
  auto reply = client.request("POST", "/api/contests/" + std::to_string(*id) + "/unfreeze", "{}");
  if (!reply) return failed(context, reply.error().message);
  if (reply->status != 200 && reply->status != 204) {
    return failed(context, "unfreeze: " + describeFailure(*reply));
  }
  context.out << "unfroze contest " << *id << "\n";
  return kDone;
}

// contest-reveal: the awards-ceremony reveal from a terminal (a proctor beside the projector):
// one pending cell per step, lowest-ranked team first, each step printed as it happens. When the
// last cell is out the server unfreezes the contest.
int contestReveal(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  const auto id = contestArgument(options, context);
  if (!id) return kUsage;
  std::int64_t steps = 1;
  if (auto it = options.flags.find("steps"); it != options.flags.end()) {
    const auto count = it->second == "all" ? std::optional(std::numeric_limits<std::int64_t>::max())
                                           : positiveId(it->second);
    if (!count) return usage(context, "--steps takes a positive number or 'all'");
    steps = *count;
  }
  const std::string path = "/api/contests/" + std::to_string(*id) + "/reveal/step";
  std::int64_t remaining = 0;
  for (std::int64_t step = 0; step < steps; ++step) {
    auto reply = call(client, context, "POST", path, 200, "{}");
    if (!reply) return kFailed;
    const auto answer = nlohmann::json::parse(reply->body, nullptr, false);
    if (!answer.is_object()) return failed(context, "reveal: the server's answer is not JSON");
    if (answer.value("team_id", nlohmann::json()).is_null()) {
      context.out << "nothing left to reveal\n";
    } else {
      context.out << "revealed " << answer.value("team", "?") << ", problem "
                  << answer.value("problem", "?") << ": " << answer.value("result", "?");
      if (answer.contains("score")) context.out << " (" << answer["score"].dump() << ")";
      context.out << ", rank " << answer["old_rank"].dump() << " -> " << answer["new_rank"].dump()
                  << "\n";
    }
    remaining = answer.value("remaining", std::int64_t{0});
    if (answer.value("state", "") == "unfrozen") {
      context.out << "contest " << *id << " unfrozen: the board is final\n";
      return kDone;
    }
  }
  context.out << remaining << " cell(s) left to reveal\n";
  return kDone;
}

int contestExport(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  const auto id = contestArgument(options, context);
  if (!id) return kUsage;
  auto reply = call(client, context, "GET", "/api/contests/" + std::to_string(*id) + "/export.csv",
                    200);
  if (!reply) return kFailed;
  if (auto it = options.flags.find("out"); it != options.flags.end()) {
    if (auto ok = writeFile(it->second, reply->body); !ok) return failed(context, ok.error().message);
    context.out << "wrote " << it->second << "\n";
  } else {
    context.out << reply->body;
  }
  // The page to post: the public board, as contestants may see it now.
  if (auto it = options.flags.find("html"); it != options.flags.end()) {
    auto page = call(client, context, "GET",
                     "/api/contests/" + std::to_string(*id) + "/scoreboard.html", 200);
    if (!page) return kFailed;
    if (auto ok = writeFile(it->second, page->body); !ok) return failed(context, ok.error().message);
    context.out << "wrote " << it->second << "\n";
  }
  return kDone;
}

// contest-import: the whole archive is read and checked first (nothing is sent while anything is
// wrong), then each problem is imported, then the contest is created with them. If the server
// refuses a problem or the contest, the problems this run imported are deactivated again (DELETE
// /api/problems/{slug}: hidden from everyone, their rows kept, as for any deactivation) and no
// contest exists: a failed import leaves nothing visible behind.
int contestImport(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  if (options.positional.size() != 1) return usage(context, "contest-import takes a directory or zip");
  const fs::path source = options.positional[0];
  std::error_code ec;
  fs::path root = source;
  std::optional<fs::path> unpacked;
  struct Cleanup {
    std::optional<fs::path>& dir;
    ~Cleanup() {
      std::error_code ignored;
      if (dir) fs::remove_all(*dir, ignored);
    }
  } cleanup{unpacked};
  if (!fs::is_directory(source, ec)) {
    if (!fs::is_regular_file(source, ec)) return failed(context, "cannot read " + source.string());
    std::string pattern = (fs::temp_directory_path() / "arena-admin-contest-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      return failed(context, "cannot make a temporary directory to unpack " + source.string());
    unpacked = fs::path(pattern);
    auto extracted = unpackContestArchive(source, *unpacked / "archive");
    if (!extracted) return failed(context, extracted.error().message);
    root = *extracted;
  }
  auto archive = readContestArchive(root);
  if (!archive) {
    return failed(context, "the archive is not valid, nothing was imported: " +
                               archive.error().message);
  }
  Timestamp startsAt{};
  if (auto it = options.flags.find("starts-at"); it != options.flags.end()) {
    auto at = parseAbsoluteTime(it->second);
    if (!at) return usage(context, "--starts-at: " + at.error().message);
    startsAt = *at;
  } else if (archive->startsAt) {
    startsAt = *archive->startsAt;
  } else {
    return usage(context, "contest.yaml has no start_time: give --starts-at");
  }
  std::string difficulty;
  if (auto it = options.flags.find("difficulty"); it != options.flags.end())
    difficulty = "&difficulty=" + percentEncode(it->second);

  std::vector<std::string> imported;  // slugs this run created
  const auto rollBack = [&](const std::string& why) {
    std::size_t deactivated = 0;
    for (const auto& slug : imported) {
      auto reply = client.request("DELETE", "/api/problems/" + percentEncode(slug));
      if (reply && reply->status == 204) {
        ++deactivated;
      } else {
        context.err << "arena-admin: could not deactivate problem '" << slug
                    << "' again: deactivate it by hand (DELETE /api/problems/" << slug << ")\n";
      }
    }
    std::string message = why + "; no contest was created";
    if (deactivated > 0)
      message += " and the " + std::to_string(deactivated) +
                 " problem(s) imported before were deactivated";
    return failed(context, message);
  };

  std::vector<std::int64_t> problemIds;
  for (const auto& problem : archive->problems) {
    auto bytes = zipDirectory(problem.dir);
    if (!bytes) return rollBack(bytes.error().message);
    auto reply = client.request("POST", "/api/problems/import?slug=" + percentEncode(problem.slug) +
                                            difficulty,
                                *bytes, "application/zip", kLongTimeout);
    if (!reply) return rollBack("problem " + problem.id + ": " + reply.error().message);
    if (reply->status != 201)
      return rollBack("problem " + problem.id + " was refused: " + describeFailure(*reply));
    imported.push_back(problem.slug);
    const auto json = nlohmann::json::parse(reply->body, nullptr, false);
    const auto id = json.is_object() ? json.value("id", std::int64_t{0}) : 0;
    if (id < 1) return rollBack("problem " + problem.id + ": the import answer has no id");
    problemIds.push_back(id);
    context.out << "imported problem " << problem.label << " '" << problem.slug << "' (id " << id
                << ")\n";
  }
  nlohmann::json body = contestRequestBody(*archive, problemIds, startsAt);
  if (auto it = options.flags.find("visibility"); it != options.flags.end())
    body["visibility"] = it->second;
  auto reply = client.request("POST", "/api/contests", body.dump());
  if (!reply) return rollBack("creating the contest: " + reply.error().message);
  if (reply->status != 201)
    return rollBack("the contest was refused: " + describeFailure(*reply));
  const auto json = nlohmann::json::parse(reply->body, nullptr, false);
  context.out << "created contest " << (json.is_object() ? json.value("id", std::int64_t{0}) : 0)
              << " '" << archive->name << "' with " << problemIds.size() << " problem(s)\n";
  return kDone;
}

}  // namespace

int runAdminCommand(const AdminOptions& options, AdminClient& client, CommandContext& context) {
  const std::string& command = options.command;
  if (command == "status") return status(client, context);
  if (command == "import-problem") return importProblem(options, client, context);
  if (command == "accounts-import") return accountsImport(options, client, context);
  if (command == "rejudge") return rejudge(options, client, context);
  if (command == "contest-create") return contestCreate(options, client, context);
  if (command == "contest-start" || command == "contest-freeze") {
    return changeContest(options, client, context);
  }
  if (command == "contest-teams") return contestTeams(options, client, context);
  if (command == "contest-unfreeze") return contestUnfreeze(options, client, context);
  if (command == "contest-export") return contestExport(options, client, context);
  if (command == "contest-reveal") return contestReveal(options, client, context);
  if (command == "contest-import") return contestImport(options, client, context);
  return usage(context, "unknown command '" + command + "'");
}

int runAdmin(const AdminOptions& options, CommandContext& context) {
  static const std::set<std::string> kCommands = {
      "status",         "import-problem",   "accounts-import",  "rejudge",       "contest-create",
      "contest-teams",  "contest-start",    "contest-freeze",   "contest-unfreeze",
      "contest-export", "contest-import",   "contest-reveal"};
  if (!kCommands.contains(options.command)) {
    return usage(context, "unknown command '" + options.command + "'");
  }
  auto client = AdminClient::connect(options.server);
  if (!client) return usage(context, client.error().message);
  if (auto ok = client->login(options.user, options.password); !ok) {
    return failed(context, ok.error().message);
  }
  return runAdminCommand(options, *client, context);
}

}  // namespace arena::server::admin
