// Round trips: every domain type survives encode -> JSON text -> decode unchanged.

#include "arena/protocol/json_codecs.hpp"

#include <gtest/gtest.h>

namespace arena::protocol {
namespace {

using namespace std::chrono;
using nlohmann::json;

// Encodes, serialises to text and parses back, as a value crossing the network would.
template <class T, class Decode>
T roundTrip(const T& value, Decode decode) {
  const json wire = json::parse(toJson(value).dump());
  auto decoded = decode(wire, "value");
  EXPECT_TRUE(decoded.has_value()) << (decoded ? "" : decoded.error().message);
  return decoded.value_or(T{});
}

model::User sampleUser() { return {42, "ada@example.org", "ada.l", model::Role::Proctor, 1873}; }

model::Problem sampleProblem() {
  return {7,
          "two-sum",
          "Two Sum",
          model::Difficulty::Medium,
          "Given $n$ numbers...\n\n## Input\n",
          {2000, 524288, 1024}};
}

TEST(JsonCodecsTest, UserRoundTrips) {
  EXPECT_EQ(roundTrip(sampleUser(), userFromJson), sampleUser());
}

TEST(JsonCodecsTest, UserJsonUsesApiFieldNames) {
  EXPECT_EQ(toJson(sampleUser()), json::parse(R"({"id":42,"email":"ada@example.org",
      "username":"ada.l","role":"proctor","rating":1873})"));
}

TEST(JsonCodecsTest, ProblemRoundTrips) {
  EXPECT_EQ(roundTrip(sampleProblem(), problemFromJson), sampleProblem());
}

TEST(JsonCodecsTest, TestCaseRoundTripsWithArbitraryBytesOfText) {
  const model::TestCase testCase{3, 7, "1 2\n\t3\n", "héllo ✓\n", true};
  EXPECT_EQ(roundTrip(testCase, testCaseFromJson), testCase);
}

TEST(JsonCodecsTest, JudgedSubmissionRoundTrips) {
  model::Submission submission;
  submission.id = 1001;
  submission.userId = 42;
  submission.problemId = 7;
  submission.language = "cpp17";
  submission.code = "#include <cstdio>\nint main(){}\n";
  submission.status = model::SubmissionStatus::Judged;
  submission.verdict = model::Verdict::TimeLimitExceeded;
  submission.execTimeMs = 2001;
  submission.memoryKb = 3400;
  submission.tests = {{1, model::Verdict::Accepted, 12, 3300},
                      {2, model::Verdict::TimeLimitExceeded, 2001, 3400}};
  submission.createdAt = sys_days{2026y / 11 / 25} + 23h + 1ms;
  EXPECT_EQ(roundTrip(submission, submissionFromJson), submission);
}

TEST(JsonCodecsTest, QueuedSubmissionHasNullVerdict) {
  model::Submission submission;
  submission.id = 5;
  submission.language = "python3";
  const auto wire = toJson(submission);
  EXPECT_TRUE(wire["verdict"].is_null());
  EXPECT_EQ(wire["status"], "queued");
  EXPECT_EQ(roundTrip(submission, submissionFromJson), submission);
}

TEST(JsonCodecsTest, EveryVerdictRoundTrips) {
  for (const auto& [verdict, verdictName] : model::EnumNames<model::Verdict>::kNames) {
    const model::TestResult result{1, verdict, 5, 6};
    EXPECT_EQ(toJson(result)["verdict"], verdictName);
    EXPECT_EQ(roundTrip(result, testResultFromJson), result);
  }
}

TEST(JsonCodecsTest, MatchRoundTripsFinishedAndPending) {
  model::Match finished{9,
                        1,
                        2,
                        7,
                        model::MatchStatus::Finished,
                        2,
                        sys_days{2026y / 3 / 1} + 10h,
                        sys_days{2026y / 3 / 1} + 10h + 17min};
  EXPECT_EQ(roundTrip(finished, matchFromJson), finished);
  model::Match pending{10,           3,           4, 8, model::MatchStatus::Pending, std::nullopt,
                       std::nullopt, std::nullopt};
  EXPECT_EQ(roundTrip(pending, matchFromJson), pending);
}

TEST(JsonCodecsTest, LeaderboardEntryRoundTrips) {
  const model::LeaderboardEntry entry{1, 42, "ada.l", 2400, 311};
  EXPECT_EQ(roundTrip(entry, leaderboardEntryFromJson), entry);
}

TEST(JsonCodecsTest, ContestRoundTrips) {
  model::Contest contest;
  contest.id = 3;
  contest.name = "Lab Cup 2026";
  contest.startsAt = sys_days{2026y / 12 / 1} + 9h;
  contest.durationSeconds = 5 * 3600;
  contest.freezeAfterSeconds = 4 * 3600;
  contest.rules = model::ContestRules::Ioi;
  contest.isPublic = true;
  contest.problems = {{7, "A", "#ff0000"}, {8, "B", ""}};
  EXPECT_EQ(roundTrip(contest, contestFromJson), contest);

  contest.freezeAfterSeconds.reset();
  EXPECT_EQ(roundTrip(contest, contestFromJson), contest);
}

}  // namespace
}  // namespace arena::protocol
