// Bad input of every kind is rejected with an InvalidArgument error that names the field.

#include <gtest/gtest.h>

#include "arena/protocol/json_codecs.hpp"

namespace arena::protocol {
namespace {

using nlohmann::json;

const json kUser =
    json::parse(R"({"id":1,"email":"a@b.io","username":"ann","role":"admin","rating":1500})");

// Applies `edit` to a copy of `base`, decodes it and expects a rejection mentioning `expected`.
template <class Decode>
void expectRejected(const json& base, void (*edit)(json&), Decode decode,
                    const std::string& expected) {
  json value = base;
  edit(value);
  const auto result = decode(value, "user");
  ASSERT_FALSE(result.has_value()) << value.dump();
  EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(result.error().message.find(expected), std::string::npos)
      << "message was: " << result.error().message;
}

TEST(JsonRejectionTest, BaseUserIsValid) { EXPECT_TRUE(userFromJson(kUser).has_value()); }

TEST(JsonRejectionTest, MissingField) {
  expectRejected(
      kUser, [](json& v) { v.erase("username"); }, userFromJson, "user.username: is required");
}

TEST(JsonRejectionTest, WrongType) {
  expectRejected(
      kUser, [](json& v) { v["rating"] = "1500"; }, userFromJson,
      "user.rating: expected an integer, got a string");
  expectRejected(
      kUser, [](json& v) { v["rating"] = 1500.5; }, userFromJson,
      "user.rating: expected an integer, got a fractional number");
  expectRejected(
      kUser, [](json& v) { v["id"] = true; }, userFromJson,
      "user.id: expected an integer, got a boolean");
  expectRejected(
      kUser, [](json& v) { v["email"] = nullptr; }, userFromJson,
      "user.email: expected a string, got null");
}

TEST(JsonRejectionTest, UnknownEnumValue) {
  expectRejected(
      kUser, [](json& v) { v["role"] = "superuser"; }, userFromJson,
      "user.role: unknown value 'superuser' (expected one of contestant, proctor, admin)");
}

TEST(JsonRejectionTest, OutOfRangeNumber) {
  expectRejected(
      kUser, [](json& v) { v["rating"] = -1; }, userFromJson, "user.rating: must be >= 0");
  expectRejected(
      kUser, [](json& v) { v["rating"] = 99999999999LL; }, userFromJson,
      "user.rating: must be <= 10000");
  expectRejected(
      kUser, [](json& v) { v["id"] = 18446744073709551615ULL; }, userFromJson,
      "user.id: must be <=");
}

TEST(JsonRejectionTest, StringLengthAndShape) {
  expectRejected(
      kUser, [](json& v) { v["username"] = std::string(65, 'a'); }, userFromJson,
      "user.username: must be at most 64 bytes");
  expectRejected(
      kUser, [](json& v) { v["username"] = "a b<script>"; }, userFromJson,
      "user.username: may contain only");
  expectRejected(
      kUser, [](json& v) { v["email"] = "not-an-email"; }, userFromJson,
      "user.email: is not an email address");
}

TEST(JsonRejectionTest, NotAnObject) {
  for (const auto& value : {json::array(), json(3), json("user"), json(nullptr)}) {
    const auto result = userFromJson(value);
    ASSERT_FALSE(result.has_value());
    EXPECT_NE(result.error().message.find("user: expected an object"), std::string::npos);
  }
}

TEST(JsonRejectionTest, NestedErrorsNameTheFullPath) {
  auto submission = json::parse(R"({"id":1,"user_id":2,"problem_id":3,"language":"cpp17",
      "code":"","status":"judged","verdict":"AC","exec_time_ms":1,"memory_kb":1,
      "created_at":"2026-01-01T00:00:00.000Z",
      "tests":[{"index":1,"verdict":"AC","time_ms":1,"memory_kb":1},
               {"index":2,"verdict":"XYZ","time_ms":1,"memory_kb":1}]})");
  auto result = submissionFromJson(submission);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("submission.tests[1].verdict: unknown value 'XYZ'"),
            std::string::npos)
      << result.error().message;

  auto problem = json::parse(R"({"id":1,"slug":"a","title":"A","difficulty":"easy",
      "description":"","limits":{"time_limit_ms":0,"memory_limit_kb":65536,"output_limit_kb":1}})");
  auto problemResult = problemFromJson(problem);
  ASSERT_FALSE(problemResult.has_value());
  EXPECT_NE(problemResult.error().message.find("problem.limits.time_limit_ms: must be >= 1"),
            std::string::npos)
      << problemResult.error().message;
}

TEST(JsonRejectionTest, CrossFieldRules) {
  auto match = json::parse(R"({"id":1,"player1_id":5,"player2_id":6,"problem_id":3,
      "status":"finished","winner_id":7,"started_at":null,"ended_at":null})");
  auto result = matchFromJson(match);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("match.winner_id: must be one of the two players"),
            std::string::npos);

  match["winner_id"] = 5;
  match["started_at"] = "2026-01-01T10:00:00.000Z";
  match["ended_at"] = "2026-01-01T09:00:00.000Z";
  result = matchFromJson(match);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("match.ended_at"), std::string::npos);

  auto submission = json::parse(R"({"id":1,"user_id":2,"problem_id":3,"language":"c",
      "code":"","status":"queued","verdict":"AC","exec_time_ms":0,"memory_kb":0,"tests":[],
      "created_at":"2026-01-01T00:00:00Z"})");
  EXPECT_FALSE(submissionFromJson(submission).has_value());
}

TEST(JsonRejectionTest, ContestRules) {
  auto contest = json::parse(R"({"id":1,"name":"Cup","starts_at":"2026-01-01T09:00:00Z",
      "duration_seconds":3600,"freeze_after_seconds":7200,"rules":"icpc","is_public":false,
      "problems":[]})");
  auto result = contestFromJson(contest);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("freeze_after_seconds"), std::string::npos);

  contest["freeze_after_seconds"] = nullptr;
  contest["problems"] = json::parse(R"([{"problem_id":1,"label":"A","color":""},
                                        {"problem_id":2,"label":"A","color":"#00ff00"}])");
  result = contestFromJson(contest);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("label 'A' is used twice"), std::string::npos);

  contest["problems"] = json::parse(R"([{"problem_id":1,"label":"A","color":"red"}])");
  result = contestFromJson(contest);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("contest.problems[0].color"), std::string::npos);

  contest["problems"] = json::array();
  contest["starts_at"] = "tomorrow";
  result = contestFromJson(contest);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("contest.starts_at: expected a UTC timestamp"),
            std::string::npos);
}

TEST(JsonRejectionTest, OversizedArraysAreRefusedBeforeDecodingItems) {
  auto contest = json::parse(R"({"id":1,"name":"Cup","starts_at":"2026-01-01T09:00:00Z",
      "duration_seconds":3600,"rules":"icpc","is_public":false})");
  contest["problems"] = json::array();
  for (int i = 0; i < 60; ++i) contest["problems"].push_back(json{{"junk", i}});
  const auto result = contestFromJson(contest);
  ASSERT_FALSE(result.has_value());
  EXPECT_NE(result.error().message.find("contest.problems: must have at most 52 items"),
            std::string::npos);
}

}  // namespace
}  // namespace arena::protocol
