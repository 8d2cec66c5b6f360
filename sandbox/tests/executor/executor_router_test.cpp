#include "executor_router.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace arena::executor {
namespace {

TEST(ExecutorRouterTest, ErrorBodyHasTheSharedShape) {
  const HttpResponse response = errorResponse(Error{ErrorCode::PayloadTooLarge, "too big", false});
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.contentType, "application/json");
  const auto json = nlohmann::json::parse(response.body);
  EXPECT_EQ(json, (nlohmann::json{{"error", {{"type", "payload_too_large"},
                                             {"message", "too big"},
                                             {"status", 413}}}}));
}

TEST(ExecutorRouterTest, AcceptsJsonContentTypesOnly) {
  EXPECT_TRUE(isJsonContentType(""));
  EXPECT_TRUE(isJsonContentType("application/json"));
  EXPECT_TRUE(isJsonContentType("Application/JSON; charset=utf-8"));
  EXPECT_TRUE(isJsonContentType("application/vnd.arena+json"));
  EXPECT_FALSE(isJsonContentType("text/plain"));
  EXPECT_FALSE(isJsonContentType("application/x-www-form-urlencoded"));
  EXPECT_FALSE(isJsonContentType("multipart/form-data; boundary=x"));
  EXPECT_FALSE(isJsonContentType("application/jsonp"));
}

TEST(ExecutorRouterTest, KnowsWhichMethodsEachPathAllows) {
  EXPECT_EQ(ExecutorRouter::allowedMethods("/execute"), "POST");
  EXPECT_EQ(ExecutorRouter::allowedMethods("/healthz"), "GET, HEAD");
  EXPECT_EQ(ExecutorRouter::allowedMethods("/languages"), "GET, HEAD");
  EXPECT_EQ(ExecutorRouter::allowedMethods("/execute/"), "");
  EXPECT_EQ(ExecutorRouter::allowedMethods("/"), "");
}

}  // namespace
}  // namespace arena::executor
