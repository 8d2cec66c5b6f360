#pragma once
// Writes a problem's database rows out as a Kattis problem package (legacy format, which the
// reader accepts with the fewest required files):
//
//   problem.yaml                     name (the title), limits: time_limit (seconds, explicit,
//                                    so the judge never infers one), memory and output (MiB,
//                                    rounded up from the row's KiB)
//   problem_statement/problem.en.md  the description
//   data/sample/NNN.in, NNN.ans      public tests
//   data/secret/NNN.in, NNN.ans      hidden tests
//
// NNN is the test's ordinal (1-based position in listTestCases order), zero-padded to one width
// so names sort as numbers. The format judges data/sample before data/secret, so the judging
// order is: public tests in ordinal order, then hidden tests in ordinal order (the ordinal order
// itself when public tests come first, as they usually do). The format requires at least one
// secret case: a problem whose tests are all public has them all written under data/secret
// (judged in ordinal order, none marked sample). A problem without tests gives a package the
// reader refuses (InvalidArgument from PackageStore::packageFor): there is nothing to judge.

#include <filesystem>
#include <span>

#include "arena/core/error.hpp"
#include "arena/model/problem.hpp"

namespace arena::server::judging {

// Writes the package into `dir` (an existing, empty directory).
Result<void> writePackageFromRows(const model::Problem& problem,
                                  std::span<const model::TestCase> tests,
                                  const std::filesystem::path& dir);

}  // namespace arena::server::judging
