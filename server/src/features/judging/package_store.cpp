// Theory of operation
//
// A package directory is named after the problem id and revision, "<id>-r<revision>", and is
// complete the moment it has that name: it is always assembled under a temporary name in the
// same root and renamed into place (rename(2) within one filesystem is atomic, and it refuses
// to replace a non-empty directory). Two threads or processes materialising the same revision
// at once both write a temporary copy; one rename wins, the loser's rename fails because the
// directory now exists, and the loser discards its copy and reads the winner's. Nothing is
// ever rewritten in place, so a judge still holding an older revision's parsed package keeps
// reading consistent files; old revision directories are left on disk.
//
// Parsed packages are cached by directory name. Caching the newest revision of a problem drops
// its older entries from the cache (their directories stay).

#include "package_store.hpp"

#include <system_error>

#include "arena/judge/temp_dir.hpp"
#include "package_writer.hpp"

namespace arena::server::judging {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxConsistentReadTries = 3;

// Readable by everyone (checkers and interactors read package files from their boxes).
constexpr fs::perms kPackageMode = fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec;

std::string dirNameOf(const storage::ProblemRecord& record) {
  return std::to_string(record.problem.id) + "-r" + std::to_string(record.revision);
}

// Moves a finished temporary directory to its final name. True when this call put it there,
// false when another writer already had (the temporary copy is then left to be removed).
Result<bool> publish(judge::TempDir& staged, const fs::path& target) {
  std::error_code ec;
  fs::rename(staged.path(), target, ec);
  if (!ec) {
    staged.release();
    return true;
  }
  if (fs::is_directory(target)) return false;
  return fail(ErrorCode::Internal,
              "cannot move a package into " + target.string() + ": " + ec.message());
}

}  // namespace

PackageStore::PackageStore(storage::ProblemRepository& problems, fs::path root)
    : m_problems(problems), m_root(std::move(root)) {}

Result<void> PackageStore::install(const storage::ProblemRecord& problem,
                                   const fs::path& packageDir) {
  const std::string name = dirNameOf(problem);
  const fs::path target = m_root / name;
  std::error_code ec;
  if (!fs::is_directory(packageDir, ec)) {
    return fail(ErrorCode::InvalidArgument, packageDir.string() + " is not a directory");
  }
  if (fs::exists(target, ec)) {
    return fail(ErrorCode::Conflict, "problem " + std::to_string(problem.problem.id) +
                                         " already has a package at revision " +
                                         std::to_string(problem.revision) +
                                         "; bump the revision and install again");
  }
  auto staged = judge::TempDir::create(m_root, ".install-" + name + "-", kPackageMode);
  if (!staged) return std::unexpected(staged.error());
  // Regular files and directories only: a symlink in an uploaded package must not copy host
  // files into it.
  if (auto copied = judge::copyRegularTree(packageDir, staged->path()); !copied) return copied;
  // Refuse a package the judge could not read before it takes the revision's name.
  if (auto checked = judge::readProblemPackage(staged->path(), {problem.problem.slug, false});
      !checked) {
    return std::unexpected(checked.error());
  }
  auto published = publish(*staged, target);
  if (!published) return std::unexpected(published.error());
  if (!*published) {
    return fail(ErrorCode::Conflict, "problem " + std::to_string(problem.problem.id) +
                                         " got a package at revision " +
                                         std::to_string(problem.revision) + " meanwhile");
  }
  auto loaded = load(problem, name);
  if (!loaded) return std::unexpected(loaded.error());
  return {};
}

Result<std::shared_ptr<const judge::ProblemPackage>> PackageStore::packageFor(
    std::int64_t problemId) {
  for (int attempt = 0; attempt < kMaxConsistentReadTries; ++attempt) {
    auto record = m_problems.findById(problemId);
    if (!record) return std::unexpected(record.error());
    const std::string name = dirNameOf(*record);
    {
      std::lock_guard lock(m_mutex);
      if (auto found = m_cache.find(name); found != m_cache.end()) return found->second;
    }
    std::error_code ec;
    if (fs::is_directory(m_root / name, ec)) return load(*record, name);

    auto tests = m_problems.listTestCases(problemId, storage::TestCaseScope::All);
    if (!tests) return std::unexpected(tests.error());
    // The rows must all belong to the revision the directory is named after: an edit between
    // the two reads shows as a new revision, and the rows are read again.
    auto again = m_problems.findById(problemId);
    if (!again) return std::unexpected(again.error());
    if (again->revision != record->revision) continue;

    fs::create_directories(m_root, ec);
    auto staged = judge::TempDir::create(m_root, ".rows-" + name + "-", kPackageMode);
    if (!staged) return std::unexpected(staged.error());
    if (auto written = writePackageFromRows(record->problem, *tests, staged->path()); !written) {
      return std::unexpected(written.error());
    }
    auto published = publish(*staged, m_root / name);
    if (!published) return std::unexpected(published.error());
    return load(*record, name);
  }
  return fail(ErrorCode::Unavailable,
              "problem " + std::to_string(problemId) + " kept changing while its package was read",
              true);
}

Result<std::shared_ptr<const judge::ProblemPackage>> PackageStore::load(
    const storage::ProblemRecord& problem, const std::string& name) {
  auto package = judge::readProblemPackage(m_root / name, {problem.problem.slug, false});
  if (!package) return std::unexpected(package.error());
  auto shared = std::make_shared<const judge::ProblemPackage>(std::move(*package));

  std::lock_guard lock(m_mutex);
  // Another thread may have read it meanwhile: keep one copy.
  if (auto found = m_cache.find(name); found != m_cache.end()) return found->second;
  const std::string prefix = std::to_string(problem.problem.id) + "-r";
  for (auto it = m_cache.begin(); it != m_cache.end();) {
    it = it->first.starts_with(prefix) ? m_cache.erase(it) : std::next(it);
  }
  m_cache.emplace(name, shared);
  return shared;
}

}  // namespace arena::server::judging
