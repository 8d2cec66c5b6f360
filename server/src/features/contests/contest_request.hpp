#pragma once
// The bodies proctors send, decoded and checked before anything touches storage.
//
// POST/PUT /api/contests:
//   {"name", "starts_at": "2026-12-01T09:00:00Z", "duration_seconds", "freeze_after_seconds"?,
//    "rules": "icpc"|"ioi", "ioi_scoring"?: "best-subtask"|"best-submission",
//    "visibility"?: "public"|"private" (default private), "offline_grace_seconds"? (0..86400),
//    "allowed_cidr"?: "10.1.0.0/16"|null, "problems": [{"problem_id", "label", "color"?}]}
// POST /api/contests/{id}/participants:
//   {"users": [user id, ...]}                    each joins as a team of one named after them
//   {"teams": [{"name", "user_ids": [...]}, ...]} several users sharing one row of the board
// Either or both; at most 1000 entries in all.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "storage/contest_repository.hpp"

namespace arena::server::contests {

constexpr std::int32_t kMaxGraceSeconds = 24 * 3600;
constexpr std::size_t kMaxParticipantsPerRequest = 1000;
constexpr std::size_t kMaxTeamMembers = 16;

// InvalidArgument naming the field ("contest.freeze_after_seconds: must not be after the end").
Result<storage::ContestRecord> parseContestRequest(const nlohmann::json& body);

struct TeamRequest {
  std::string name;
  std::vector<std::int64_t> userIds;
};

struct ParticipantsRequest {
  std::vector<std::int64_t> users;
  std::vector<TeamRequest> teams;
};

Result<ParticipantsRequest> parseParticipantsRequest(const nlohmann::json& body);

}  // namespace arena::server::contests
