#pragma once
// Contests: their settings and problem set, their teams (every participant is in exactly one
// team of a contest; an individual is a team of one), and the submissions made in them as the
// scoreboard needs them.
//
// Instants are UTC milliseconds. A contest's problems are kept in their board order (ordinal).

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/contest.hpp"
#include "arena/model/submission.hpp"
#include "arena/scoring/ioi_scoreboard.hpp"

namespace arena::server::storage {

// A contest with what running it needs beyond the shared model.
struct ContestRecord {
  model::Contest contest;  // problems in board order
  scoring::IoiScoring ioiScoring = scoring::IoiScoring::BestPerSubtask;
  std::optional<Timestamp> unfrozenAt;     // when a proctor revealed the frozen board
  std::int32_t offlineGraceSeconds = 0;    // offline submissions synced this long after the end
  std::optional<std::string> allowedCidr;  // "10.1.0.0/16"; none: any address
  Timestamp createdAt{};

  friend bool operator==(const ContestRecord&, const ContestRecord&) = default;
};

struct ContestMember {
  std::int64_t userId = 0;
  std::string username;

  friend bool operator==(const ContestMember&, const ContestMember&) = default;
};

struct ContestTeam {
  std::int64_t id = 0;
  std::string name;
  std::vector<ContestMember> members;  // by user id

  friend bool operator==(const ContestTeam&, const ContestTeam&) = default;
};

// A submission made in a contest, as the scoreboard is fed it.
struct ContestSubmission {
  std::int64_t id = 0;
  std::int64_t contestId = 0;
  std::int64_t userId = 0;
  std::int64_t teamId = 0;
  std::int64_t problemId = 0;
  Timestamp createdAt{};
  std::optional<Timestamp> clientTime;  // an offline submission accepted with its local time
  model::SubmissionStatus status = model::SubmissionStatus::Queued;
  std::optional<model::Verdict> verdict;
  std::vector<model::TestResult> tests;  // per-test results (IOI points)

  // The time it counts at: the local time of an accepted offline submission, else its arrival.
  Timestamp countedAt() const { return clientTime.value_or(createdAt); }
};

class ContestRepository {
 public:
  virtual ~ContestRepository() = default;

  // Writes the contest and its problems (ids and createdAt of `contest` are ignored). NotFound for
  // a problem that does not exist; Conflict for a label or problem listed twice.
  virtual Result<ContestRecord> create(const ContestRecord& contest) = 0;
  // Replaces the settings and the problem set (unfrozenAt and createdAt are kept).
  virtual Result<ContestRecord> update(std::int64_t id, const ContestRecord& contest) = 0;
  virtual Result<ContestRecord> findById(std::int64_t id) = 0;
  // Every contest, newest start first.
  virtual Result<std::vector<ContestRecord>> list() = 0;
  // Sets (or clears) when the board was revealed.
  virtual Result<ContestRecord> setUnfrozenAt(std::int64_t id, std::optional<Timestamp> at) = 0;

  // Creates a team of `userIds` (at least one). Conflict when the name is taken in this contest
  // or a user is already in one of its teams; NotFound for an unknown user or contest.
  virtual Result<ContestTeam> addTeam(std::int64_t contestId, const std::string& name,
                                      const std::vector<std::int64_t>& userIds) = 0;
  // The contest's teams by id, with their members.
  virtual Result<std::vector<ContestTeam>> teams(std::int64_t contestId) = 0;
  // The user's team in the contest; none when the user does not take part.
  virtual Result<std::optional<std::int64_t>> teamOf(std::int64_t contestId,
                                                     std::int64_t userId) = 0;

  // Every submission made in the contest by a participant, by id, with per-test results.
  virtual Result<std::vector<ContestSubmission>> submissions(std::int64_t contestId) = 0;
  // One submission, when it was made in a contest by a participant; NotFound otherwise.
  virtual Result<ContestSubmission> findSubmission(std::int64_t submissionId) = 0;
  // Number of test cases per problem of the contest (IOI points per test).
  virtual Result<std::unordered_map<std::int64_t, std::int32_t>> testCounts(
      std::int64_t contestId) = 0;
};

}  // namespace arena::server::storage
