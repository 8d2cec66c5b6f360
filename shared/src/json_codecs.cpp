#include "arena/protocol/json_codecs.hpp"

#include <algorithm>
#include <limits>

#include "arena/protocol/json_reader.hpp"

namespace arena::protocol {

using nlohmann::json;
using L = CodecLimits;

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();
constexpr std::int32_t kMaxInt32 = std::numeric_limits<std::int32_t>::max();

template <class E>
std::string name(E value) {
  return std::string(model::enumName(value));
}

json optionalJson(const std::optional<std::int64_t>& value) {
  return value ? json(*value) : json(nullptr);
}

json optionalJson(const std::optional<Timestamp>& value) {
  return value ? json(formatTimestamp(*value)) : json(nullptr);
}

std::int32_t int32(JsonReader& reader, std::string_view key, std::int64_t min, std::int64_t max) {
  return static_cast<std::int32_t>(reader.integer(key, min, max));
}

bool allOf(std::string_view text, bool (*allowed)(char)) {
  return std::all_of(text.begin(), text.end(), allowed);
}

bool isUsernameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}
bool isSlugChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }
bool isLabelChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool isHexChar(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// Deliberately loose: one '@' with text on both sides, a dot in the domain, no spaces.
bool looksLikeEmail(std::string_view email) {
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos)
    return false;
  const auto domain = email.substr(at + 1);
  return domain.find('.') != std::string_view::npos && domain.front() != '.' &&
         domain.back() != '.' && email.find_first_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

// ---- User ----

json toJson(const model::User& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"username", user.username},
          {"role", name(user.role)},
          {"rating", user.rating}};
}

Result<model::User> userFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::User user;
  user.id = reader->integer("id", 0, kMaxId);
  user.email = reader->string("email", 3, L::kMaxEmailBytes);
  if (reader->ok() && !looksLikeEmail(user.email))
    reader->reject("email", "is not an email address");
  user.username = reader->string("username", 3, L::kMaxNameBytes);
  if (reader->ok() && !allOf(user.username, isUsernameChar))
    reader->reject("username", "may contain only letters, digits, '_', '-' and '.'");
  user.role = reader->enumeration<model::Role>("role");
  user.rating = int32(*reader, "rating", 0, L::kMaxRating);
  return reader->finish(std::move(user));
}

// ---- Problem and test cases ----

json toJson(const model::Limits& limits) {
  return {{"time_limit_ms", limits.timeLimitMs},
          {"memory_limit_kb", limits.memoryLimitKb},
          {"output_limit_kb", limits.outputLimitKb}};
}

Result<model::Limits> limitsFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::Limits limits;
  limits.timeLimitMs = int32(*reader, "time_limit_ms", 1, L::kMaxTimeLimitMs);
  limits.memoryLimitKb = int32(*reader, "memory_limit_kb", 1024, L::kMaxMemoryLimitKb);
  limits.outputLimitKb = int32(*reader, "output_limit_kb", 1, L::kMaxMemoryLimitKb);
  return reader->finish(limits);
}

json toJson(const model::Problem& problem) {
  return {{"id", problem.id},
          {"slug", problem.slug},
          {"title", problem.title},
          {"difficulty", name(problem.difficulty)},
          {"description", problem.description},
          {"limits", toJson(problem.limits)}};
}

Result<model::Problem> problemFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::Problem problem;
  problem.id = reader->integer("id", 0, kMaxId);
  problem.slug = reader->string("slug", 1, L::kMaxNameBytes);
  if (reader->ok() && !allOf(problem.slug, isSlugChar))
    reader->reject("slug", "may contain only lowercase letters, digits and '-'");
  problem.title = reader->string("title", 1, L::kMaxTitleBytes);
  problem.difficulty = reader->enumeration<model::Difficulty>("difficulty");
  problem.description = reader->string("description", 0, L::kMaxStatementBytes);
  if (reader->ok()) {
    auto limits = limitsFromJson(value["limits"], reader->path() + ".limits");
    if (!limits) return std::unexpected(limits.error());
    problem.limits = *limits;
  }
  return reader->finish(std::move(problem));
}

json toJson(const model::TestCase& testCase) {
  return {{"id", testCase.id},
          {"problem_id", testCase.problemId},
          {"input", testCase.input},
          {"expected_output", testCase.expectedOutput},
          {"is_public", testCase.isPublic}};
}

Result<model::TestCase> testCaseFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::TestCase testCase;
  testCase.id = reader->integer("id", 0, kMaxId);
  testCase.problemId = reader->integer("problem_id", 0, kMaxId);
  testCase.input = reader->string("input", 0, L::kMaxTestDataBytes);
  testCase.expectedOutput = reader->string("expected_output", 0, L::kMaxTestDataBytes);
  testCase.isPublic = reader->boolean("is_public");
  return reader->finish(std::move(testCase));
}

// ---- Submissions ----

json toJson(const model::TestResult& result) {
  return {{"index", result.index},
          {"verdict", name(result.verdict)},
          {"time_ms", result.timeMs},
          {"memory_kb", result.memoryKb}};
}

Result<model::TestResult> testResultFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::TestResult result;
  result.index = int32(*reader, "index", 1, static_cast<std::int64_t>(L::kMaxTests));
  result.verdict = reader->enumeration<model::Verdict>("verdict");
  result.timeMs = int32(*reader, "time_ms", 0, kMaxInt32);
  result.memoryKb = int32(*reader, "memory_kb", 0, kMaxInt32);
  return reader->finish(result);
}

json toJson(const model::Submission& submission) {
  json tests = json::array();
  for (const auto& test : submission.tests) tests.push_back(toJson(test));
  return {{"id", submission.id},
          {"user_id", submission.userId},
          {"problem_id", submission.problemId},
          {"language", submission.language},
          {"code", submission.code},
          {"status", name(submission.status)},
          {"verdict", submission.verdict ? json(name(*submission.verdict)) : json(nullptr)},
          {"exec_time_ms", submission.execTimeMs},
          {"memory_kb", submission.memoryKb},
          {"tests", std::move(tests)},
          {"created_at", formatTimestamp(submission.createdAt)}};
}

Result<model::Submission> submissionFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::Submission submission;
  submission.id = reader->integer("id", 0, kMaxId);
  submission.userId = reader->integer("user_id", 0, kMaxId);
  submission.problemId = reader->integer("problem_id", 0, kMaxId);
  submission.language = reader->string("language", 1, L::kMaxNameBytes);
  submission.code = reader->string("code", 0, L::kMaxCodeBytes);
  submission.status = reader->enumeration<model::SubmissionStatus>("status");
  submission.verdict = reader->optionalEnumeration<model::Verdict>("verdict");
  submission.execTimeMs = int32(*reader, "exec_time_ms", 0, kMaxInt32);
  submission.memoryKb = int32(*reader, "memory_kb", 0, kMaxInt32);
  submission.tests = reader->array<model::TestResult>(
      "tests", L::kMaxTests,
      [](const json& item, std::string itemPath) { return testResultFromJson(item, itemPath); });
  submission.createdAt = reader->timestamp("created_at");
  if (reader->ok() &&
      (submission.status == model::SubmissionStatus::Judged) != submission.verdict.has_value()) {
    reader->reject("verdict", "must be set exactly when status is 'judged'");
  }
  return reader->finish(std::move(submission));
}

// ---- Matches and leaderboard ----

json toJson(const model::Match& match) {
  return {{"id", match.id},
          {"player1_id", match.player1Id},
          {"player2_id", match.player2Id},
          {"problem_id", match.problemId},
          {"status", name(match.status)},
          {"winner_id", optionalJson(match.winnerId)},
          {"started_at", optionalJson(match.startedAt)},
          {"ended_at", optionalJson(match.endedAt)}};
}

Result<model::Match> matchFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::Match match;
  match.id = reader->integer("id", 0, kMaxId);
  match.player1Id = reader->integer("player1_id", 1, kMaxId);
  match.player2Id = reader->integer("player2_id", 1, kMaxId);
  match.problemId = reader->integer("problem_id", 1, kMaxId);
  match.status = reader->enumeration<model::MatchStatus>("status");
  match.winnerId = reader->optionalInteger("winner_id", 1, kMaxId);
  match.startedAt = reader->optionalTimestamp("started_at");
  match.endedAt = reader->optionalTimestamp("ended_at");
  if (reader->ok() && match.player1Id == match.player2Id)
    reader->reject("player2_id", "must differ from player1_id");
  if (reader->ok() && match.winnerId && *match.winnerId != match.player1Id &&
      *match.winnerId != match.player2Id)
    reader->reject("winner_id", "must be one of the two players");
  if (reader->ok() && match.startedAt && match.endedAt && *match.endedAt < *match.startedAt)
    reader->reject("ended_at", "must not be before started_at");
  return reader->finish(match);
}

json toJson(const model::LeaderboardEntry& entry) {
  return {{"rank", entry.rank},
          {"user_id", entry.userId},
          {"username", entry.username},
          {"rating", entry.rating},
          {"solved", entry.solved}};
}

Result<model::LeaderboardEntry> leaderboardEntryFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::LeaderboardEntry entry;
  entry.rank = int32(*reader, "rank", 1, kMaxInt32);
  entry.userId = reader->integer("user_id", 1, kMaxId);
  entry.username = reader->string("username", 1, L::kMaxNameBytes);
  entry.rating = int32(*reader, "rating", 0, L::kMaxRating);
  entry.solved = int32(*reader, "solved", 0, kMaxInt32);
  return reader->finish(std::move(entry));
}

// ---- Contests ----

json toJson(const model::ContestProblem& problem) {
  return {{"problem_id", problem.problemId}, {"label", problem.label}, {"color", problem.color}};
}

Result<model::ContestProblem> contestProblemFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::ContestProblem problem;
  problem.problemId = reader->integer("problem_id", 1, kMaxId);
  problem.label = reader->string("label", 1, 3);
  if (reader->ok() && !allOf(problem.label, isLabelChar))
    reader->reject("label", "may contain only uppercase letters and digits");
  problem.color = reader->string("color", 0, 7);
  if (reader->ok() && !problem.color.empty() &&
      (problem.color.size() != 7 || problem.color[0] != '#' ||
       !allOf(std::string_view(problem.color).substr(1), isHexChar)))
    reader->reject("color", "must be empty or '#rrggbb' in lowercase hex");
  return reader->finish(std::move(problem));
}

json toJson(const model::Contest& contest) {
  json problems = json::array();
  for (const auto& problem : contest.problems) problems.push_back(toJson(problem));
  return {{"id", contest.id},
          {"name", contest.name},
          {"starts_at", formatTimestamp(contest.startsAt)},
          {"duration_seconds", contest.durationSeconds},
          {"freeze_after_seconds",
           contest.freezeAfterSeconds ? json(*contest.freezeAfterSeconds) : json(nullptr)},
          {"rules", name(contest.rules)},
          {"is_public", contest.isPublic},
          {"problems", std::move(problems)}};
}

Result<model::Contest> contestFromJson(const json& value, std::string path) {
  auto reader = readObject(value, std::move(path));
  if (!reader) return std::unexpected(reader.error());
  model::Contest contest;
  contest.id = reader->integer("id", 0, kMaxId);
  contest.name = reader->string("name", 1, L::kMaxTitleBytes);
  contest.startsAt = reader->timestamp("starts_at");
  contest.durationSeconds = int32(*reader, "duration_seconds", 60, L::kMaxContestSeconds);
  const auto freeze = reader->optionalInteger("freeze_after_seconds", 0, L::kMaxContestSeconds);
  if (freeze) contest.freezeAfterSeconds = static_cast<std::int32_t>(*freeze);
  contest.rules = reader->enumeration<model::ContestRules>("rules");
  contest.isPublic = reader->boolean("is_public");
  contest.problems = reader->array<model::ContestProblem>(
      "problems", L::kMaxContestProblems, [](const json& item, std::string itemPath) {
        return contestProblemFromJson(item, itemPath);
      });
  if (reader->ok() && contest.freezeAfterSeconds &&
      *contest.freezeAfterSeconds > contest.durationSeconds)
    reader->reject("freeze_after_seconds", "must not be after the end of the contest");
  if (reader->ok()) {
    for (std::size_t i = 0; i < contest.problems.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (contest.problems[i].label == contest.problems[j].label)
          reader->reject("problems", "label '" + contest.problems[i].label + "' is used twice");
        if (contest.problems[i].problemId == contest.problems[j].problemId)
          reader->reject("problems", "problem " + std::to_string(contest.problems[i].problemId) +
                                         " is listed twice");
      }
    }
  }
  return reader->finish(std::move(contest));
}

}  // namespace arena::protocol
