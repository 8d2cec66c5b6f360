#pragma once
// ProblemService: the problem catalogue over storage::ProblemRepository.
//
// Theory of operation. Contestants read the catalogue far more often than proctors change it,
// so the two public reads (the list per difficulty filter, one problem with its samples)
// answer from bytes serialised once and shared (std::shared_ptr<const std::string>): a hit is
// a shared lock, a map lookup and a reference count. Every write (create, update, deactivate,
// import) goes to the database first and then clears the cache and bumps a generation number.
// A reader that misses reads the database outside the lock and stores what it built only if
// the generation is still the one it saw before reading, so bytes read before a write can
// never be stored after it: a read that starts after a write returns never sees stale bytes.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/judge/problem_package.hpp"
#include "arena/model/problem.hpp"
#include "features/problems/problem_request.hpp"
#include "storage/problem_repository.hpp"

namespace arena::server::problems {

// Copies an imported package directory in for the judge (judging::PackageStore::install in
// the server; see package_installer.hpp). Unset: imported packages are not kept.
using PackageInstaller =
    std::function<Result<void>(const storage::ProblemRecord&, const std::filesystem::path&)>;

struct ImportOptions {
  std::optional<std::string> slug;  // default: the package's short name, sanitised
  model::Difficulty difficulty = model::Difficulty::Medium;
};

class ProblemService {
 public:
  explicit ProblemService(storage::ProblemRepository& problems, PackageInstaller installer = {},
                          std::filesystem::path tempRoot = std::filesystem::temp_directory_path());

  // {"problems":[{id, slug, title, difficulty, limits}]}: active problems, ordered by id.
  Result<std::shared_ptr<const std::string>> list(std::optional<model::Difficulty> difficulty);
  // toJson(Problem) plus "samples":[{input, output}] from the public tests. NotFound for an
  // unknown or inactive problem.
  Result<std::shared_ptr<const std::string>> get(std::string_view slug);
  // The same document for a proctor, inactive problems included ("is_active" added); uncached.
  Result<std::shared_ptr<const std::string>> getForProctor(std::string_view slug);
  // Every test in judging order, hidden ones included (proctors only).
  Result<std::vector<model::TestCase>> tests(std::string_view slug);

  // Conflict when the slug is taken; InvalidArgument for a draft out of bounds.
  Result<storage::ProblemRecord> create(const ProblemDraft& draft);
  // Replaces every field of the problem `slug` (tests only when draft.tests is set).
  Result<storage::ProblemRecord> update(std::string_view slug, const ProblemDraft& draft);
  // Hides the problem; its rows stay (submissions refer to them).
  Result<void> deactivate(std::string_view slug);

  // A problem package zip (Kattis or DOMjudge) as uploaded. Nothing is written unless the
  // whole package reads and validates.
  Result<storage::ProblemRecord> importZip(std::string_view zipBytes, const ImportOptions& options);
  // A package directory already on disk (the bundled samples).
  Result<storage::ProblemRecord> importDirectory(const std::filesystem::path& dir,
                                                 const ImportOptions& options);

  // Drops every cached document (after a change made behind the service's back).
  void invalidate();

 private:
  using Bytes = std::shared_ptr<const std::string>;

  Result<storage::ProblemRecord> importPackage(const judge::ProblemPackage& package,
                                               const ImportOptions& options);
  Result<Bytes> buildProblemDocument(const storage::ProblemRecord& record, bool forProctor);
  Result<storage::ProblemRecord> findActive(std::string_view slug);
  Bytes cached(const std::map<std::string, Bytes, std::less<>>& map, std::string_view key,
               std::uint64_t* generation) const;
  void store(std::map<std::string, Bytes, std::less<>>& map, std::string key, Bytes bytes,
             std::uint64_t generation);

  storage::ProblemRepository& m_problems;
  PackageInstaller m_installer;
  std::filesystem::path m_tempRoot;

  mutable std::shared_mutex m_cacheMutex;
  std::uint64_t m_generation = 0;                           // guarded by m_cacheMutex
  std::map<std::string, Bytes, std::less<>> m_lists;        // "" = all difficulties
  std::map<std::string, Bytes, std::less<>> m_problemDocs;  // by slug
};

}  // namespace arena::server::problems
