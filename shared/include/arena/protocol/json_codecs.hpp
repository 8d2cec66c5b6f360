#pragma once
// JSON codecs for the domain types. Field names are snake_case as in the HTTP API. Encoding
// cannot fail; decoding validates every field (presence, type, enum value, range, length) and
// returns an InvalidArgument error naming the offending field.

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/model/contest.hpp"
#include "arena/model/leaderboard_entry.hpp"
#include "arena/model/match.hpp"
#include "arena/model/problem.hpp"
#include "arena/model/submission.hpp"
#include "arena/model/user.hpp"

namespace arena::protocol {

nlohmann::json toJson(const model::User& user);
nlohmann::json toJson(const model::Limits& limits);
nlohmann::json toJson(const model::Problem& problem);
nlohmann::json toJson(const model::TestCase& testCase);
nlohmann::json toJson(const model::TestResult& result);
nlohmann::json toJson(const model::Submission& submission);
nlohmann::json toJson(const model::Match& match);
nlohmann::json toJson(const model::LeaderboardEntry& entry);
nlohmann::json toJson(const model::ContestProblem& problem);
nlohmann::json toJson(const model::Contest& contest);

// `path` names the value in error messages; the default is the type's own name.
Result<model::User> userFromJson(const nlohmann::json& json, std::string path = "user");
Result<model::Limits> limitsFromJson(const nlohmann::json& json, std::string path = "limits");
Result<model::Problem> problemFromJson(const nlohmann::json& json, std::string path = "problem");
Result<model::TestCase> testCaseFromJson(const nlohmann::json& json,
                                         std::string path = "test_case");
Result<model::TestResult> testResultFromJson(const nlohmann::json& json,
                                             std::string path = "test_result");
Result<model::Submission> submissionFromJson(const nlohmann::json& json,
                                             std::string path = "submission");
Result<model::Match> matchFromJson(const nlohmann::json& json, std::string path = "match");
Result<model::LeaderboardEntry> leaderboardEntryFromJson(const nlohmann::json& json,
                                                         std::string path = "leaderboard_entry");
Result<model::ContestProblem> contestProblemFromJson(const nlohmann::json& json,
                                                     std::string path = "contest_problem");
Result<model::Contest> contestFromJson(const nlohmann::json& json, std::string path = "contest");

// Limits every codec enforces; the server's validation and the desktop's outbox share them.
struct CodecLimits {
  static constexpr std::size_t kMaxNameBytes = 64;
  static constexpr std::size_t kMaxEmailBytes = 254;
  static constexpr std::size_t kMaxTitleBytes = 200;
  static constexpr std::size_t kMaxStatementBytes = 1 << 20;
  static constexpr std::size_t kMaxCodeBytes = 256 * 1024;
  static constexpr std::size_t kMaxTestDataBytes = 64 << 20;
  static constexpr std::size_t kMaxTests = 10'000;
  static constexpr std::size_t kMaxContestProblems = 52;
  static constexpr std::int32_t kMaxRating = 10'000;
  static constexpr std::int32_t kMaxTimeLimitMs = 60'000;
  static constexpr std::int32_t kMaxMemoryLimitKb = 16 * 1024 * 1024;
  static constexpr std::int32_t kMaxContestSeconds = 30 * 24 * 3600;
};

}  // namespace arena::protocol
