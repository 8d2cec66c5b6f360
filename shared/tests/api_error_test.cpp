#include "arena/protocol/api_error.hpp"

#include <gtest/gtest.h>

namespace arena {
namespace {

TEST(ApiErrorTest, BodyHasTypeMessageAndStatus) {
  const auto body = protocol::apiErrorBody({ErrorCode::NotFound, "no problem 'x'", false});
  EXPECT_EQ(body, nlohmann::json::parse(
                      R"({"error":{"type":"not_found","message":"no problem 'x'","status":404}})"));
}

TEST(ApiErrorTest, EveryCodeRoundTripsThroughTheWire) {
  for (ErrorCode code :
       {ErrorCode::InvalidArgument, ErrorCode::Unauthenticated, ErrorCode::PermissionDenied,
        ErrorCode::NotFound, ErrorCode::Conflict, ErrorCode::PayloadTooLarge,
        ErrorCode::RateLimited, ErrorCode::Unavailable, ErrorCode::Timeout, ErrorCode::Internal}) {
    const Error original{code, "message for " + std::string(errorType(code)), isTransient(code)};
    const auto body = protocol::apiErrorBody(original);
    EXPECT_EQ(protocol::parseApiErrorBody(body, httpStatus(code)), original);
  }
}

TEST(ApiErrorTest, StatusesAreClientOrServerErrorsAsExpected) {
  EXPECT_EQ(httpStatus(ErrorCode::InvalidArgument), 400);
  EXPECT_EQ(httpStatus(ErrorCode::Unauthenticated), 401);
  EXPECT_EQ(httpStatus(ErrorCode::PermissionDenied), 403);
  EXPECT_EQ(httpStatus(ErrorCode::MethodNotAllowed), 405);
  EXPECT_EQ(httpStatus(ErrorCode::PayloadTooLarge), 413);
  EXPECT_EQ(httpStatus(ErrorCode::UnsupportedMediaType), 415);
  EXPECT_EQ(httpStatus(ErrorCode::RateLimited), 429);
  EXPECT_EQ(httpStatus(ErrorCode::Internal), 500);
  EXPECT_EQ(httpStatus(ErrorCode::Unavailable), 503);
  EXPECT_TRUE(isTransient(ErrorCode::Unavailable));
  EXPECT_FALSE(isTransient(ErrorCode::InvalidArgument));
}

TEST(ApiErrorTest, ABodyThatIsNotAnErrorStillYieldsAnError) {
  const auto error = protocol::parseApiErrorBody(nlohmann::json::parse(R"({"ok":true})"), 502);
  EXPECT_EQ(error.code, ErrorCode::Internal);
  EXPECT_TRUE(error.retryable);
  EXPECT_NE(error.message.find("502"), std::string::npos);
}

TEST(ApiErrorTest, AnUnknownTypeBecomesInternalButKeepsTheMessage) {
  const auto error = protocol::parseApiErrorBody(
      nlohmann::json::parse(R"({"error":{"type":"teapot","message":"short and stout"}})"), 418);
  EXPECT_EQ(error.code, ErrorCode::Internal);
  EXPECT_EQ(error.message, "short and stout");
}

TEST(ApiErrorTest, FailBuildsAnUnexpected) {
  const Result<int> result = fail(ErrorCode::Conflict, "already exists");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::Conflict);
  EXPECT_EQ(result.error().message, "already exists");
}

}  // namespace
}  // namespace arena
