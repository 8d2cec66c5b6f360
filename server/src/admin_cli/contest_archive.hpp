#pragma once
// A contest archive as `arena-admin contest-import` reads it: a directory (or a zip of one)
// holding the CCS contest package's human-written files (icpc/ccs-specs, Contest Package
// Format) and the problems as Kattis problem package directories:
//
//   contest.yaml    name, start_time ("2014-06-25T10:00:00+01"), duration ("5:00:00"),
//                   scoreboard_freeze_duration ("1:00:00": the last hour is frozen; absent or
//                   null: no freeze), scoreboard_type (pass-fail -> ICPC rules, score -> IOI).
//                   The older Kattis spellings start-time, scoreboard-freeze-duration,
//                   scoreboard-type are read too.
//   problems.yaml   a list: id (or the older short-name), label, color, rgb ("#00f" or
//                   "#0000ff"; the balloon colour), in board order.
//   <id>/ or problems/<id>/   each problem's package directory.
//
// Everything is read and checked here, before the server is asked for anything: a malformed
// archive (a bad or missing key, a problem directory missing or not a valid package, two
// problems with one label) is an InvalidArgument naming the file and the key, so the import
// fails before it changes anything. Pure apart from reading files.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"

namespace arena::server::admin {

struct ArchiveProblem {
  std::string id;     // as problems.yaml names it
  std::string slug;   // the problem's slug on the server: the id, lowercased, '_' -> '-'
  std::string label;  // "A"
  std::string color;  // "#rrggbb", or empty for no balloon colour
  std::filesystem::path dir;
};

struct ContestArchive {
  std::string name;
  std::optional<Timestamp> startsAt;  // none: contest.yaml leaves it open (start_time: null)
  std::int64_t durationSeconds = 0;
  std::optional<std::int64_t> freezeAfterSeconds;
  std::string rules = "icpc";
  std::vector<ArchiveProblem> problems;
};

// Reads and checks the archive rooted at `root` (every problem package is read with the judge's
// package reader too).
Result<ContestArchive> readContestArchive(const std::filesystem::path& root);

// Extracts a zipped archive into `destination` (safely: the problem package zip rules) and
// returns its root: the directory holding contest.yaml (the top level, or the one directory the
// zip wraps everything in).
Result<std::filesystem::path> unpackContestArchive(const std::filesystem::path& zip,
                                                   const std::filesystem::path& destination);

// "5:00:00", "1:30:00.000" -> seconds. InvalidArgument otherwise.
Result<std::int64_t> parseRelativeTime(std::string_view text);
// "2014-06-25T10:00:00+01", "...+01:00", "...Z", fractions allowed; a zone is required.
Result<Timestamp> parseAbsoluteTime(std::string_view text);

// The POST /api/contests body for the archive, its problems being `problemIds` (same order).
nlohmann::json contestRequestBody(const ContestArchive& archive,
                                  const std::vector<std::int64_t>& problemIds, Timestamp startsAt);

}  // namespace arena::server::admin
