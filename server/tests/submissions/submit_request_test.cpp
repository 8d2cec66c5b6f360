// The POST /api/submissions body decoder: every field checked, the message naming it.

#include "features/submissions/submit_request.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace arena::server::submissions {
namespace {

using nlohmann::json;

const SubmissionLimits kLimits{1024, 2048};

json valid() { return {{"problem_id", 7}, {"language", "cpp17"}, {"code", "int main() {}"}}; }

json with(const std::string& key, json value) {
  json changed = valid();
  changed[key] = std::move(value);
  return changed;
}

json without(const std::string& key) {
  json changed = valid();
  changed.erase(key);
  return changed;
}

TEST(SubmitRequestTest, DecodesASubmission) {
  auto request = parseSubmitRequest(with("client_id", "desk-1_A"), kLimits);
  ASSERT_TRUE(request.has_value()) << request.error().message;
  EXPECT_EQ(request->problemId, 7);
  EXPECT_EQ(request->language, "cpp17");
  EXPECT_EQ(request->code, "int main() {}");
  EXPECT_EQ(request->clientId, "desk-1_A");
  EXPECT_FALSE(request->isPlayground());
}

TEST(SubmitRequestTest, StdinMakesItAPlaygroundRunWhereTheProblemIsOptional) {
  json body = without("problem_id");
  body["stdin"] = "";
  auto request = parseSubmitRequest(body, kLimits);
  ASSERT_TRUE(request.has_value()) << request.error().message;
  EXPECT_TRUE(request->isPlayground());
  EXPECT_EQ(request->stdinData, "");
  EXPECT_FALSE(request->problemId.has_value());

  body["problem_id"] = 0;  // when given, it must still be valid
  EXPECT_FALSE(parseSubmitRequest(body, kLimits).has_value());
  // null counts as absent
  EXPECT_FALSE(parseSubmitRequest(with("stdin", nullptr), kLimits)->isPlayground());
}

TEST(SubmitRequestTest, SizesAreCheckedAgainstTheConfiguredLimits) {
  EXPECT_TRUE(parseSubmitRequest(with("code", std::string(1024, 'x')), kLimits).has_value());
  EXPECT_TRUE(parseSubmitRequest(with("stdin", std::string(2048, 'x')), kLimits).has_value());
  EXPECT_TRUE(parseSubmitRequest(with("client_id", std::string(64, 'Z')), kLimits).has_value());
  EXPECT_EQ(parseSubmitRequest(with("code", std::string(1025, 'x')), kLimits).error().message,
            "submission.code: must be at most 1024 bytes");
  EXPECT_EQ(parseSubmitRequest(with("stdin", std::string(2049, 'x')), kLimits).error().message,
            "submission.stdin: must be at most 2048 bytes");
}

TEST(SubmitRequestTest, MalformedBodiesAreRefusedNamingTheField) {
  struct Case {
    json body;
    std::string expected;  // the start of the message
  };
  const std::vector<Case> cases{
      {json::array({1, 2}), "submission: expected an object"},
      {"text", "submission: expected an object"},
      {with("problem_id", "7"), "submission.problem_id: expected an integer"},
      {with("problem_id", 0), "submission.problem_id: must be >= 1"},
      {with("problem_id", -5), "submission.problem_id: must be >= 1"},
      {with("problem_id", 1.5), "submission.problem_id: expected an integer"},
      {with("problem_id", 18446744073709551615ULL), "submission.problem_id: must be <="},
      {without("problem_id"), "submission.problem_id: is required"},
      {with("language", 17), "submission.language: expected a string"},
      {with("language", ""), "submission.language: must not be empty"},
      {with("language", std::string(33, 'l')), "submission.language: must be at most 32 bytes"},
      {without("language"), "submission.language: is required"},
      {with("code", json::array()), "submission.code: expected a string"},
      {with("code", ""), "submission.code: must not be empty"},
      {without("code"), "submission.code: is required"},
      {with("client_id", "has space"), "submission.client_id: may contain only"},
      {with("client_id", "semi;colon"), "submission.client_id: may contain only"},
      {with("client_id", "ünï"), "submission.client_id: may contain only"},
      {with("client_id", std::string("nul\0byte", 8)), "submission.client_id: may contain only"},
      {with("client_id", ""), "submission.client_id: must not be empty"},
      {with("client_id", std::string(65, 'a')), "submission.client_id: must be at most 64 bytes"},
      {with("client_id", 12), "submission.client_id: expected a string"},
      {with("stdin", false), "submission.stdin: expected a string"},
  };
  for (const auto& c : cases) {
    auto request = parseSubmitRequest(c.body, kLimits);
    ASSERT_FALSE(request.has_value()) << "accepted: " << c.body.dump().substr(0, 100);
    EXPECT_EQ(request.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(request.error().message.rfind(c.expected, 0), 0U)
        << "got: " << request.error().message << "\nwanted a message starting: " << c.expected;
  }
}

}  // namespace
}  // namespace arena::server::submissions
