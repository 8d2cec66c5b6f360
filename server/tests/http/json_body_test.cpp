#include "http/json_body.hpp"

#include <string>

#include <gtest/gtest.h>

namespace arena::server::http {
namespace {

Result<nlohmann::json> parse(std::string body) {
  Request request;
  request.body = std::move(body);
  return jsonBody(request);
}

TEST(JsonBodyTest, ObjectIsReturned) {
  const auto value = parse(R"({"email":"a@b.c","n":[1,2,{"x":null}]})");
  ASSERT_TRUE(value.has_value()) << value.error().message;
  EXPECT_EQ((*value)["email"], "a@b.c");
}

TEST(JsonBodyTest, MalformedJsonNamesTheBytePosition) {
  const auto value = parse(R"({"a": 1,})");
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(value.error().message.find("malformed JSON at byte 9"), std::string::npos)
      << value.error().message;
  EXPECT_EQ(value.error().message.find("json.exception"), std::string::npos);
}

TEST(JsonBodyTest, TruncatedBodyIsMalformed) {
  const auto value = parse(R"({"a": "unterminated)");
  ASSERT_FALSE(value.has_value());
  EXPECT_NE(value.error().message.find("malformed JSON at byte"), std::string::npos);
}

TEST(JsonBodyTest, NonObjectsAreRefused) {
  for (const char* body : {"[]", "[1,2]", "\"text\"", "42", "null", "true"}) {
    const auto value = parse(body);
    ASSERT_FALSE(value.has_value()) << body;
    EXPECT_EQ(value.error().message, "the body must be a JSON object") << body;
  }
}

TEST(JsonBodyTest, EmptyBodyIsRefusedWithAClearMessage) {
  for (const char* body : {"", "  \n"}) {
    const auto value = parse(body);
    ASSERT_FALSE(value.has_value());
    EXPECT_NE(value.error().message.find("empty"), std::string::npos);
  }
}

TEST(JsonBodyTest, DeepNestingIsRefusedWithoutCrashing) {
  const auto arrays = parse(std::string(100'000, '['));
  ASSERT_FALSE(arrays.has_value());
  EXPECT_NE(arrays.error().message.find("nested deeper than 64"), std::string::npos);

  std::string objects;
  for (int i = 0; i < 100'000; ++i) objects += "{\"a\":";
  EXPECT_FALSE(parse(objects).has_value());
}

TEST(JsonBodyTest, NestingUpToTheLimitIsAccepted) {
  std::string body = "{\"a\":" + std::string(63, '[') + std::string(63, ']') + "}";
  EXPECT_TRUE(parse(body).has_value());
  body = "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}";
  EXPECT_FALSE(parse(body).has_value());
}

TEST(JsonBodyTest, BracketsInsideStringsDoNotCountAsNesting) {
  const auto value =
      parse("{\"code\":\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}");
  ASSERT_TRUE(value.has_value()) << value.error().message;
  EXPECT_EQ((*value)["code"].get<std::string>().size(), 2001u);
}

TEST(JsonBodyTest, HugeNumbersParse) {
  const auto value = parse(R"({"n": 123456789012345678901234567890, "m": -9223372036854775809})");
  ASSERT_TRUE(value.has_value()) << value.error().message;
  EXPECT_TRUE((*value)["n"].is_number());
}

TEST(JsonBodyTest, OverflowingExponentIsAnErrorNotAnException) {
  const auto value = parse(R"({"n": 1e999})");
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().code, ErrorCode::InvalidArgument);
}

TEST(JsonBodyTest, InvalidUtf8IsRefused) {
  const auto value = parse("{\"a\":\"\xff\xfe\"}");
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().code, ErrorCode::InvalidArgument);
}

TEST(JsonBodyTest, TrailingGarbageIsMalformed) { EXPECT_FALSE(parse(R"({"a":1} x)").has_value()); }

}  // namespace
}  // namespace arena::server::http
