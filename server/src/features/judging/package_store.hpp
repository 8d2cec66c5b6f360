#pragma once
// Problem packages on disk for the judge, one directory per problem revision:
//   <root>/<problem id>-r<revision>/    a Kattis problem package
// An imported package is installed as it came (custom output validators, interactors). A
// problem made or edited through the API is written out from its database rows (problem.yaml
// with its limits, data/sample and data/secret in judging order) the first time it is judged.
// Directories are made under a temporary name and renamed into place, so a reader never sees a
// half-written package, and a revision's directory never changes once it exists. Thread-safe,
// and safe for several processes sharing one root.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "arena/core/error.hpp"
#include "arena/judge/problem_package.hpp"
#include "storage/problem_repository.hpp"

namespace arena::server::judging {

class PackageStore {
 public:
  PackageStore(storage::ProblemRepository& problems, std::filesystem::path root);

  // Copies `packageDir` in as the package of `problem` at its current revision (regular files
  // and directories only; symlinks are skipped). InvalidArgument when the copy is not a
  // readable package; Conflict when that revision already has a package (e.g. it was judged
  // from its rows first): bump the revision (ProblemRepository::update) and install again.
  Result<void> install(const storage::ProblemRecord& problem,
                       const std::filesystem::path& packageDir);

  // The package to judge the problem with at its current revision (read once, then cached).
  // Written from the problem's rows (see package_writer.hpp) when the revision has none yet.
  Result<std::shared_ptr<const judge::ProblemPackage>> packageFor(std::int64_t problemId);

  const std::filesystem::path& root() const { return m_root; }

 private:
  // Reads <root>/<name> and caches it.
  Result<std::shared_ptr<const judge::ProblemPackage>> load(const storage::ProblemRecord& problem,
                                                            const std::string& name);

  storage::ProblemRepository& m_problems;
  std::filesystem::path m_root;
  std::mutex m_mutex;
  std::map<std::string, std::shared_ptr<const judge::ProblemPackage>> m_cache;  // by dir name
};

}  // namespace arena::server::judging
