// arena-admin verify-problem: the proctor CLI's local subcommand (server/tools/arena_admin_main.cpp
// is the program; it calls arenaVerifyProblemMain with its own argv):
//   arena-admin verify-problem PATH [--json] [--languages FILE] [--work-dir DIR]
//                              [--first-uid UID]
// (--first-uid: the sandbox's first box uid, so that concurrent runs do not share boxes.)
// PATH is a problem package directory or zip. Exit 0 when every submission got what the
// package expects, 1 when one did not, 2 on a usage or setup error.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "arena/judge/compile_cache.hpp"
#include "arena/judge/compiler.hpp"
#include "arena/judge/judge.hpp"
#include "arena/judge/package_zip.hpp"
#include "arena/judge/problem_verifier.hpp"
#include "arena/judge/temp_dir.hpp"
#include "arena/sandbox/sandbox.hpp"

namespace {

namespace fs = std::filesystem;
using namespace arena;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

int usage() {
  std::cerr << "usage: arena-admin verify-problem PATH [--json] [--languages FILE] "
               "[--work-dir DIR] [--first-uid UID]\n";
  return kExitUsage;
}

int error(const std::string& message) {
  std::cerr << "arena-admin: " << message << "\n";
  return kExitUsage;
}

// Extracted files must be readable by the box's unprivileged uid (validators read the data).
void makeWorldReadable(const fs::path& root) {
  std::error_code ec;
  fs::permissions(root,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                      fs::perms::others_read | fs::perms::others_exec,
                  ec);
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink(ec)) continue;
    const fs::perms add = it->is_directory(ec) ? fs::perms::group_read | fs::perms::group_exec |
                                                     fs::perms::others_read | fs::perms::others_exec
                                               : fs::perms::group_read | fs::perms::others_read;
    fs::permissions(it->path(), add, fs::perm_options::add, ec);
  }
}

struct VerifyArgs {
  fs::path path;
  bool json = false;
  fs::path languages;
  fs::path workDir;
};

int verify(const VerifyArgs& args, sandbox::Sandbox& box) {
  auto languages = judge::LanguageTable::load(args.languages.empty() ? judge::defaultLanguagesFile()
                                                                     : args.languages);
  if (!languages) return error(languages.error().message);
  languages->detectAvailability();

  const fs::path workParent = args.workDir.empty() ? fs::temp_directory_path() : args.workDir;
  auto work = judge::TempDir::create(workParent, "arena-admin-", judge::kTraversable);
  if (!work) return error(work.error().message);

  Result<judge::ProblemPackage> package = std::unexpected(Error{});
  std::error_code ec;
  if (fs::is_directory(args.path, ec)) {
    package = judge::readProblemPackage(args.path);
  } else if (fs::is_regular_file(args.path, ec)) {
    const fs::path destination = work->path() / "package";
    package = judge::readProblemPackageZip(args.path, destination);
    makeWorldReadable(destination);
  } else {
    return error(args.path.string() + ": no such package");
  }
  if (!package) return error(package.error().message);

  auto cache = judge::CompileCache::open(work->path() / "compile-cache");
  if (!cache) return error(cache.error().message);
  const fs::path runs = work->path() / "runs";
  judge::Compiler compiler(box, cache->get(), runs);
  judge::Judge judge(box, *languages, compiler, runs);

  judge::VerifyCallbacks callbacks;
  const bool scoring = package->type.scoring;
  callbacks.timeLimit = [&](std::int64_t limitMs, bool inferred) {
    if (args.json) return;
    std::cout << package->shortName << ": time limit " << limitMs << " ms"
              << (inferred ? " (inferred from the accepted submissions)" : "") << "\n";
  };
  callbacks.submission = [&](const judge::SubmissionCheck& check) {
    if (args.json) {
      std::cout << judge::checkToJson(check, scoring).dump() << "\n";
    } else {
      std::cout << judge::formatCheckRow(check) << "\n";
    }
    std::cout.flush();
  };
  auto report = judge::verifyProblem(judge, *languages, *package, {}, callbacks);
  if (!report) return error(report.error().message);
  for (const std::string& warning : package->warnings) {
    if (!args.json) std::cout << "warning: " << warning << "\n";
  }
  const std::size_t failed = report->count(judge::VerifyStatus::Failed);
  if (!args.json) {
    const std::size_t skipped = report->count(judge::VerifyStatus::Skipped);
    if (skipped > 0) std::cout << skipped << " skipped\n";
    std::cout << report->count(judge::VerifyStatus::Passed) << " passed, " << failed << " failed\n";
  }
  return failed == 0 ? 0 : kExitFailed;
}

}  // namespace

// Declared here for the definition below; server/tools/arena_admin_main.cpp declares it too.
int arenaVerifyProblemMain(int argc, char** argv);

int arenaVerifyProblemMain(int argc, char** argv) {
  // The sandbox forks its keepers: create it first, while the process is small and single.
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty() || args.front() != "verify-problem") return usage();
  VerifyArgs verifyArgs;
  sandbox::SandboxOptions options;
  options.slots = 2;  // an interactive test runs the program and the interactor at once
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--json") {
      verifyArgs.json = true;
    } else if (args[i] == "--languages" && i + 1 < args.size()) {
      verifyArgs.languages = args[++i];
    } else if (args[i] == "--work-dir" && i + 1 < args.size()) {
      verifyArgs.workDir = args[++i];
    } else if (args[i] == "--first-uid" && i + 1 < args.size()) {
      const std::string_view text = args[++i];
      std::uint32_t uid = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), uid);
      if (ec != std::errc{} || end != text.data() + text.size() || uid == 0) return usage();
      options.firstUid = uid;
    } else if (!args[i].starts_with("--") && verifyArgs.path.empty()) {
      verifyArgs.path = args[i];
    } else {
      return usage();
    }
  }
  if (verifyArgs.path.empty()) return usage();
  auto box = sandbox::Sandbox::create(options);
  if (!box) return error("cannot start the sandbox: " + box.error().message);
  return verify(verifyArgs, *box);
}
