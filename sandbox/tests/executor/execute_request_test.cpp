#include "execute_request.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace arena::executor {
namespace {

using nlohmann::json;

json valid() {
  return {{"language", "cpp"}, {"code", "int main(){}"}, {"stdin", "1 2\n"},
          {"time_limit_seconds", 1}};
}

TEST(ExecuteRequestTest, ParsesAFullRequest) {
  json body = valid();
  body["memory_limit_mb"] = 128;
  body["expected_output"] = "3\n";
  body["time_limit_seconds"] = 2.5;
  auto request = parseExecuteRequest(body.dump());
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->language, "cpp");
  EXPECT_EQ(request->code, "int main(){}");
  EXPECT_EQ(request->stdinData, "1 2\n");
  EXPECT_DOUBLE_EQ(request->timeLimitSeconds, 2.5);
  EXPECT_EQ(request->memoryLimitMb, 128);
  ASSERT_TRUE(request->expectedOutput);
  EXPECT_EQ(*request->expectedOutput, "3\n");
}

TEST(ExecuteRequestTest, AppliesDefaultsForOptionalFields) {
  json body = valid();
  body.erase("stdin");
  body["expected_output"] = nullptr;
  auto request = parseExecuteRequest(body.dump());
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->stdinData, "");
  EXPECT_EQ(request->memoryLimitMb, kDefaultMemoryMb);
  EXPECT_FALSE(request->expectedOutput);
}

TEST(ExecuteRequestTest, AcceptsTheEdgesOfTheRanges) {
  json body = valid();
  body["time_limit_seconds"] = 10;
  body["memory_limit_mb"] = 16;
  EXPECT_TRUE(parseExecuteRequest(body.dump()));
  body["time_limit_seconds"] = 0.001;
  body["memory_limit_mb"] = 1024;
  EXPECT_TRUE(parseExecuteRequest(body.dump()));
  body["code"] = std::string(kMaxCodeBytes, 'x');
  body["stdin"] = std::string(kMaxStdinBytes, 'x');
  EXPECT_TRUE(parseExecuteRequest(body.dump()));
}

struct Bad {
  const char* name;
  std::function<std::string()> body;
  ErrorCode code;
  const char* messagePart;
};

std::string with(const char* key, json value) {
  json body = valid();
  body[key] = std::move(value);
  return body.dump();
}

std::string without(const char* key) {
  json body = valid();
  body.erase(key);
  return body.dump();
}

class ExecuteRequestRejectTest : public ::testing::TestWithParam<Bad> {};

TEST_P(ExecuteRequestRejectTest, RejectsWithTheRightCode) {
  auto request = parseExecuteRequest(GetParam().body());
  ASSERT_FALSE(request);
  EXPECT_EQ(request.error().code, GetParam().code);
  EXPECT_NE(request.error().message.find(GetParam().messagePart), std::string::npos)
      << request.error().message;
}

const auto kInvalid = ErrorCode::InvalidArgument;
const auto kTooLarge = ErrorCode::PayloadTooLarge;

INSTANTIATE_TEST_SUITE_P(
    Cases, ExecuteRequestRejectTest,
    ::testing::Values(
        Bad{"InvalidJson", [] { return std::string("{\"language\": "); }, kInvalid, "not valid JSON"},
        Bad{"EmptyBody", [] { return std::string(); }, kInvalid, "not valid JSON"},
        Bad{"NotAnObject", [] { return std::string("[1,2]"); }, kInvalid, "JSON object"},
        Bad{"UnknownField", [] { return with("timelimit", 1); }, kInvalid, "unknown field 'timelimit'"},
        Bad{"MissingLanguage", [] { return without("language"); }, kInvalid, "'language' is required"},
        Bad{"LanguageNotString", [] { return with("language", 5); }, kInvalid, "'language' must be a string"},
        Bad{"EmptyLanguage", [] { return with("language", ""); }, kInvalid, "must not be empty"},
        Bad{"MissingCode", [] { return without("code"); }, kInvalid, "'code' is required"},
        Bad{"NullCode", [] { return with("code", nullptr); }, kInvalid, "'code' is required"},
        Bad{"EmptyCode", [] { return with("code", ""); }, kInvalid, "'code' must not be empty"},
        Bad{"CodeNotString", [] { return with("code", json::array({"a"})); }, kInvalid, "got array"},
        Bad{"StdinNotString", [] { return with("stdin", 12); }, kInvalid, "'stdin' must be a string"},
        Bad{"MissingTimeLimit", [] { return without("time_limit_seconds"); }, kInvalid, "required"},
        Bad{"TimeLimitString", [] { return with("time_limit_seconds", "1"); }, kInvalid, "a number"},
        Bad{"TimeLimitBool", [] { return with("time_limit_seconds", true); }, kInvalid, "a number"},
        Bad{"TimeLimitZero", [] { return with("time_limit_seconds", 0); }, kInvalid, "(0, 10]"},
        Bad{"TimeLimitNegative", [] { return with("time_limit_seconds", -1); }, kInvalid, "(0, 10]"},
        Bad{"TimeLimitTooLong", [] { return with("time_limit_seconds", 10.5); }, kInvalid, "(0, 10]"},
        Bad{"MemoryFloat", [] { return with("memory_limit_mb", 256.5); }, kInvalid, "an integer"},
        Bad{"MemoryString", [] { return with("memory_limit_mb", "256"); }, kInvalid, "an integer"},
        Bad{"MemoryTooSmall", [] { return with("memory_limit_mb", 15); }, kInvalid, "[16, 1024]"},
        Bad{"MemoryTooLarge", [] { return with("memory_limit_mb", 1025); }, kInvalid, "[16, 1024]"},
        Bad{"MemoryNegative", [] { return with("memory_limit_mb", -256); }, kInvalid, "[16, 1024]"},
        Bad{"MemoryHuge", [] { return with("memory_limit_mb", 18446744073709551615ULL); }, kInvalid, "[16, 1024]"},
        Bad{"ExpectedNotString", [] { return with("expected_output", 3); }, kInvalid, "a string or null"},
        Bad{"CodeTooLarge", [] { return with("code", std::string(kMaxCodeBytes + 1, 'x')); }, kTooLarge, "'code'"},
        Bad{"StdinTooLarge", [] { return with("stdin", std::string(kMaxStdinBytes + 1, 'x')); }, kTooLarge, "'stdin'"},
        Bad{"ExpectedTooLarge",
            [] { return with("expected_output", std::string(kMaxExpectedBytes + 1, 'x')); }, kTooLarge,
            "'expected_output'"}),
    [](const auto& testInfo) { return std::string(testInfo.param.name); });

}  // namespace
}  // namespace arena::executor
