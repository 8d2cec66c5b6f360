#pragma once
// The sample problems a fresh server starts with: server/samples/samples.json lists
// {slug, difficulty} in load order, each slug a package directory beside it. Loading is
// idempotent: a slug already in the catalogue (active or not) is left alone, so a proctor's
// edits and deactivations survive restarts.

#include <filesystem>

#include "arena/core/error.hpp"
#include "features/problems/problem_service.hpp"

namespace arena::server::problems {

// Imports every listed sample that is not in the catalogue yet; returns how many it imported.
// Stops at the first sample that fails (a broken bundled package is a build error).
Result<int> loadSamples(ProblemService& service, const std::filesystem::path& samplesDir);

}  // namespace arena::server::problems
