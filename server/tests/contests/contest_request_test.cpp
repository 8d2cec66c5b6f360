#include "features/contests/contest_request.hpp"

#include <gtest/gtest.h>

namespace arena::server::contests {
namespace {

nlohmann::json validContest() {
  return {{"name", "Lab Cup"},
          {"starts_at", "2026-12-01T09:00:00Z"},
          {"duration_seconds", 18000},
          {"freeze_after_seconds", 14400},
          {"rules", "icpc"},
          {"visibility", "public"},
          {"offline_grace_seconds", 300},
          {"allowed_cidr", "10.1.0.0/16"},
          {"problems",
           {{{"problem_id", 7}, {"label", "A"}, {"color", "#ff0000"}},
            {{"problem_id", 8}, {"label", "B"}}}}};
}

std::string errorOf(const nlohmann::json& body) {
  auto parsed = parseContestRequest(body);
  return parsed ? std::string("(accepted)") : parsed.error().message;
}

TEST(ContestRequestTest, AValidBodyDecodesEveryField) {
  auto parsed = parseContestRequest(validContest());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->contest.name, "Lab Cup");
  EXPECT_EQ(parsed->contest.durationSeconds, 18000);
  EXPECT_EQ(parsed->contest.freezeAfterSeconds, 14400);
  EXPECT_TRUE(parsed->contest.isPublic);
  EXPECT_EQ(parsed->offlineGraceSeconds, 300);
  EXPECT_EQ(parsed->allowedCidr, "10.1.0.0/16");
  ASSERT_EQ(parsed->contest.problems.size(), 2u);
  EXPECT_EQ(parsed->contest.problems[1].color, "") << "colour is optional";
}

TEST(ContestRequestTest, DefaultsArePrivateNoGraceNoLockBestSubtask) {
  auto body = validContest();
  for (const char* key : {"visibility", "offline_grace_seconds", "allowed_cidr",
                          "freeze_after_seconds"})
    body.erase(key);
  auto parsed = parseContestRequest(body);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_FALSE(parsed->contest.isPublic);
  EXPECT_EQ(parsed->offlineGraceSeconds, 0);
  EXPECT_FALSE(parsed->allowedCidr.has_value());
  EXPECT_FALSE(parsed->contest.freezeAfterSeconds.has_value());
  EXPECT_EQ(parsed->ioiScoring, scoring::IoiScoring::BestPerSubtask);
}

TEST(ContestRequestTest, BadTimesAreRefusedByName) {
  auto body = validContest();
  body["starts_at"] = "yesterday";
  EXPECT_NE(errorOf(body).find("starts_at"), std::string::npos) << errorOf(body);
  body = validContest();
  body["duration_seconds"] = 10;
  EXPECT_NE(errorOf(body).find("duration_seconds"), std::string::npos);
  body = validContest();
  body["duration_seconds"] = -5;
  EXPECT_NE(errorOf(body).find("duration_seconds"), std::string::npos);
  body = validContest();
  body["freeze_after_seconds"] = 18001;
  EXPECT_NE(errorOf(body).find("must not be after the end"), std::string::npos) << errorOf(body);
  body = validContest();
  body["offline_grace_seconds"] = 999999;
  EXPECT_NE(errorOf(body).find("offline_grace_seconds"), std::string::npos);
}

TEST(ContestRequestTest, DuplicateLabelsAndProblemsAreRefused) {
  auto body = validContest();
  body["problems"][1]["label"] = "A";
  EXPECT_NE(errorOf(body).find("label 'A' is used twice"), std::string::npos) << errorOf(body);
  body = validContest();
  body["problems"][1]["problem_id"] = 7;
  EXPECT_NE(errorOf(body).find("listed twice"), std::string::npos) << errorOf(body);
}

TEST(ContestRequestTest, HostileValuesAreRefused) {
  auto body = validContest();
  body["rules"] = "chess";
  EXPECT_NE(errorOf(body).find("rules"), std::string::npos);
  body = validContest();
  body["visibility"] = "secret";
  EXPECT_NE(errorOf(body).find("visibility"), std::string::npos);
  body = validContest();
  body["ioi_scoring"] = "worst";
  EXPECT_NE(errorOf(body).find("ioi_scoring"), std::string::npos);
  body = validContest();
  body["allowed_cidr"] = "10.0.0.0/99";
  EXPECT_NE(errorOf(body).find("allowed_cidr"), std::string::npos);
  body = validContest();
  body["name"] = std::string(5000, 'x');
  EXPECT_NE(errorOf(body).find("name"), std::string::npos);
  body = validContest();
  body["problems"][0]["color"] = "red";
  EXPECT_NE(errorOf(body).find("color"), std::string::npos);
  body = validContest();
  body["problems"][0]["label"] = "a;DROP";
  EXPECT_NE(errorOf(body).find("label"), std::string::npos);
  body = validContest();
  body["problems"] = nlohmann::json::array();
  for (int i = 0; i < 100; ++i) body["problems"].push_back({{"problem_id", i + 1}, {"label", "X"}});
  EXPECT_NE(errorOf(body).find("at most"), std::string::npos) << errorOf(body);
  EXPECT_FALSE(parseContestRequest(nlohmann::json::array()).has_value());
  EXPECT_FALSE(parseContestRequest("contest").has_value());
}

TEST(ContestRequestTest, ParticipantsAreUsersOrTeamsAndNeverNothing) {
  auto parsed = parseParticipantsRequest(
      {{"users", {3, 4}}, {"teams", {{{"name", "Lovelace"}, {"user_ids", {5, 6}}}}}});
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->users, (std::vector<std::int64_t>{3, 4}));
  ASSERT_EQ(parsed->teams.size(), 1u);
  EXPECT_EQ(parsed->teams[0].userIds, (std::vector<std::int64_t>{5, 6}));

  EXPECT_FALSE(parseParticipantsRequest(nlohmann::json::object()).has_value());
  EXPECT_FALSE(parseParticipantsRequest({{"users", {"three"}}}).has_value());
  EXPECT_FALSE(parseParticipantsRequest({{"users", {-1}}}).has_value());
  EXPECT_FALSE(
      parseParticipantsRequest({{"teams", {{{"name", "Empty"}, {"user_ids", nlohmann::json::array()}}}}})
          .has_value());
  EXPECT_FALSE(parseParticipantsRequest({{"teams", {{{"user_ids", {1}}}}}}).has_value());
}

}  // namespace
}  // namespace arena::server::contests
