#pragma once
// Wires ProblemService's import to the judge's package store. Header-only so that the problems
// library does not need arena_judging to build; only the composition root calls this.

#include "features/judging/package_store.hpp"
#include "features/problems/problem_service.hpp"

namespace arena::server::problems {

inline PackageInstaller packageStoreInstaller(judging::PackageStore& store) {
  return [&store](const storage::ProblemRecord& record, const std::filesystem::path& dir) {
    return store.install(record, dir);
  };
}

}  // namespace arena::server::problems
