#include "features/contests/contest_request.hpp"

#include <limits>

#include "arena/protocol/json_codecs.hpp"
#include "arena/protocol/json_reader.hpp"
#include "features/contests/address_range.hpp"

namespace arena::server::contests {

namespace {

using Limits = protocol::CodecLimits;
constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

Result<std::int64_t> userIdFromJson(const nlohmann::json& value, const std::string& path) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < 1)
    return fail(ErrorCode::InvalidArgument, path + ": must be a user id (a positive integer)");
  return value.get<std::int64_t>();
}

}  // namespace

Result<storage::ContestRecord> parseContestRequest(const nlohmann::json& body) {
  auto reader = protocol::readObject(body, "contest");
  if (!reader) return std::unexpected(reader.error());
  storage::ContestRecord record;
  auto& contest = record.contest;
  contest.name = reader->string("name", 1, Limits::kMaxTitleBytes);
  contest.startsAt = reader->timestamp("starts_at");
  contest.durationSeconds =
      static_cast<std::int32_t>(reader->integer("duration_seconds", 60, Limits::kMaxContestSeconds));
  if (auto freeze = reader->optionalInteger("freeze_after_seconds", 0, Limits::kMaxContestSeconds))
    contest.freezeAfterSeconds = static_cast<std::int32_t>(*freeze);
  contest.rules = reader->enumeration<model::ContestRules>("rules");
  if (auto scoring = reader->optionalString("ioi_scoring", 32)) {
    if (*scoring == "best-subtask") {
      record.ioiScoring = scoring::IoiScoring::BestPerSubtask;
    } else if (*scoring == "best-submission") {
      record.ioiScoring = scoring::IoiScoring::BestSubmission;
    } else {
      reader->reject("ioi_scoring", "must be 'best-subtask' or 'best-submission'");
    }
  }
  if (auto visibility = reader->optionalString("visibility", 16)) {
    if (*visibility == "public" || *visibility == "private") {
      contest.isPublic = *visibility == "public";
    } else {
      reader->reject("visibility", "must be 'public' or 'private'");
    }
  }
  record.offlineGraceSeconds = static_cast<std::int32_t>(
      reader->optionalInteger("offline_grace_seconds", 0, kMaxGraceSeconds).value_or(0));
  record.allowedCidr = reader->optionalString("allowed_cidr", 64);
  if (reader->ok() && record.allowedCidr) {
    if (auto range = AddressRange::parse(*record.allowedCidr); !range)
      reader->reject("allowed_cidr", range.error().message);
  }
  contest.problems = reader->array<model::ContestProblem>(
      "problems", Limits::kMaxContestProblems,
      [](const nlohmann::json& item, std::string path) -> Result<model::ContestProblem> {
        // The colour is optional here: no balloon colour.
        if (item.is_object() && !item.contains("color")) {
          auto withColor = item;
          withColor["color"] = "";
          return protocol::contestProblemFromJson(withColor, std::move(path));
        }
        return protocol::contestProblemFromJson(item, std::move(path));
      });
  if (reader->ok() && contest.freezeAfterSeconds &&
      *contest.freezeAfterSeconds > contest.durationSeconds)
    reader->reject("freeze_after_seconds", "must not be after the end of the contest");
  for (std::size_t i = 0; reader->ok() && i < contest.problems.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (contest.problems[i].label == contest.problems[j].label) {
        reader->reject("problems", "label '" + contest.problems[i].label + "' is used twice");
        break;
      }
      if (contest.problems[i].problemId == contest.problems[j].problemId) {
        reader->reject("problems", "problem " + std::to_string(contest.problems[i].problemId) +
                                       " is listed twice");
        break;
      }
    }
  }
  return reader->finish(std::move(record));
}

Result<ParticipantsRequest> parseParticipantsRequest(const nlohmann::json& body) {
  auto reader = protocol::readObject(body, "participants");
  if (!reader) return std::unexpected(reader.error());
  ParticipantsRequest request;
  if (body.contains("users") && !body["users"].is_null()) {
    request.users = reader->array<std::int64_t>("users", kMaxParticipantsPerRequest,
                                                [](const nlohmann::json& item, std::string path) {
                                                  return userIdFromJson(item, path);
                                                });
  }
  if (body.contains("teams") && !body["teams"].is_null()) {
    request.teams = reader->array<TeamRequest>(
        "teams", kMaxParticipantsPerRequest,
        [](const nlohmann::json& item, std::string path) -> Result<TeamRequest> {
          auto team = protocol::readObject(item, path);
          if (!team) return std::unexpected(team.error());
          TeamRequest out;
          out.name = team->string("name", 1, Limits::kMaxNameBytes);
          out.userIds = team->array<std::int64_t>(
              "user_ids", kMaxTeamMembers, [](const nlohmann::json& id, std::string idPath) {
                return userIdFromJson(id, idPath);
              });
          if (team->ok() && out.userIds.empty()) team->reject("user_ids", "must not be empty");
          return team->finish(std::move(out));
        });
  }
  if (reader->ok() && request.users.empty() && request.teams.empty())
    reader->reject("users", "give at least one user or team");
  if (reader->ok() && request.users.size() + request.teams.size() > kMaxParticipantsPerRequest)
    reader->reject("teams", "at most " + std::to_string(kMaxParticipantsPerRequest) +
                                " participants per request");
  return reader->finish(std::move(request));
}

}  // namespace arena::server::contests
