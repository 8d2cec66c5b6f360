#include "http/router.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace arena::server::http {
namespace {

Handler answering(std::string name) {
  return [name](Request&) -> Result<Response> { return Response::text(name, "text/plain"); };
}

std::string nameOf(const Router::Match& match) {
  if (match.route == nullptr) return "<none>";
  Request request;
  return std::string(match.route->handler(request)->bodyView());
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add({"GET", "/api/submissions/{id}", Access::Authenticated, "one"}, answering("byId"));
    router.add({"GET", "/api/submissions/mine", Access::Authenticated, "mine"}, answering("mine"));
    router.add({"DELETE", "/api/submissions/{id}", Access::Proctor, "delete"}, answering("delete"));
    router.add({"GET", "/api/problems", Access::Public, "list"}, answering("list"));
    router.add({"POST", "/api/problems", Access::Proctor, "create"}, answering("create"));
    router.add({"GET", "/api/problems/{slug}/tests", Access::Proctor, "tests"}, answering("tests"));
    router.add({"GET", "/api/{section}/special", Access::Public, "section"}, answering("section"));
    router.add({"GET", "/", Access::Public, "root"}, answering("root"));
  }
  Router router;
};

TEST_F(RouterTest, LiteralSegmentBeatsPlaceholderWhateverTheRegistrationOrder) {
  EXPECT_EQ(nameOf(router.match("GET", "/api/submissions/mine")), "mine");
  EXPECT_EQ(nameOf(router.match("GET", "/api/submissions/42")), "byId");
}

TEST_F(RouterTest, EarlierLiteralWinsOverLaterLiteral) {
  // "/api/problems/{slug}/tests" vs "/api/{section}/special": position 2 decides first.
  router.add({"GET", "/api/problems/special", Access::Public, "x"}, answering("problemsSpecial"));
  EXPECT_EQ(nameOf(router.match("GET", "/api/problems/special")), "problemsSpecial");
  EXPECT_EQ(nameOf(router.match("GET", "/api/other/special")), "section");
}

TEST_F(RouterTest, PlaceholderCapturesTheSegment) {
  const auto match = router.match("GET", "/api/problems/two-sum/tests");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.at("slug"), "two-sum");
}

TEST_F(RouterTest, PlaceholderIsPercentDecodedOnceAfterSplitting) {
  auto match = router.match("GET", "/api/problems/two%20sum%2Fx/tests");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.at("slug"), "two sum/x");
  match = router.match("GET", "/api/problems/%252e%252e/tests");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.at("slug"), "%2e%2e");  // not decoded twice
  match = router.match("GET", "/api/problems/%C3%A9t%C3%A9/tests");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.at("slug"), "\xC3\xA9t\xC3\xA9");
}

TEST_F(RouterTest, LiteralSegmentsMatchInDecodedForm) {
  EXPECT_EQ(nameOf(router.match("GET", "/api/submissions/%6Dine")), "mine");
}

TEST_F(RouterTest, WrongMethodListsTheAllowedOnes) {
  const auto match = router.match("PUT", "/api/problems");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowedMethods, (std::vector<std::string>{"GET", "HEAD", "POST"}));
}

TEST_F(RouterTest, UnknownPathHasNoAllowedMethods) {
  const auto match = router.match("GET", "/api/nothing/here");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.allowedMethods.empty());
}

TEST_F(RouterTest, AllowedMethodsCoverEveryPatternMatchingThePath) {
  const auto match = router.match("POST", "/api/submissions/7");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowedMethods, (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
  EXPECT_EQ(nameOf(router.match("HEAD", "/api/problems")), "list");
}

TEST_F(RouterTest, OneTrailingSlashIsIgnored) {
  EXPECT_EQ(nameOf(router.match("GET", "/api/problems/")), "list");
  EXPECT_EQ(nameOf(router.match("GET", "/")), "root");
  EXPECT_EQ(router.match("GET", "/api/problems//").route, nullptr);
}

TEST_F(RouterTest, PlaceholderNeedsANonEmptySegment) {
  EXPECT_EQ(router.match("GET", "/api/problems//tests").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/problems/%/tests").route, nullptr);
}

TEST_F(RouterTest, HostilePathsMatchNothing) {
  EXPECT_EQ(router.match("GET", "").route, nullptr);
  EXPECT_EQ(router.match("GET", "api/problems").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/problems/a%00b/tests").route, nullptr);
  EXPECT_EQ(router.match("GET", std::string("/api/problems/a\0b/tests", 23)).route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/problems/%zz/tests").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/problems/" + std::string(3000, 'a') + "/tests").route,
            nullptr);
  EXPECT_TRUE(router.match("GET", "/api/problems/" + std::string(3000, 'a') + "/tests")
                  .allowedMethods.empty());
}

TEST_F(RouterTest, MethodsAreCaseSensitive) {
  EXPECT_EQ(router.match("get", "/api/problems").route, nullptr);
}

TEST(RouterRegistrationTest, SameMethodAndShapeTwiceThrows) {
  Router router;
  router.add({"GET", "/a/{x}", Access::Public, "a"}, answering("a"));
  EXPECT_THROW(router.add({"GET", "/a/{x}", Access::Public, "a"}, answering("a")),
               std::logic_error);
  EXPECT_THROW(router.add({"GET", "/a/{y}", Access::Public, "a"}, answering("a")),
               std::logic_error);
  EXPECT_NO_THROW(router.add({"POST", "/a/{x}", Access::Public, "a"}, answering("a")));
  EXPECT_EQ(router.routes().size(), 2u);
}

TEST(RouterRegistrationTest, MalformedPatternsThrow) {
  Router router;
  EXPECT_THROW(router.add({"GET", "a", Access::Public, "a"}, answering("a")), std::logic_error);
  EXPECT_THROW(router.add({"GET", "/a/x{y}", Access::Public, "a"}, answering("a")),
               std::logic_error);
  EXPECT_THROW(router.add({"GET", "/a//b", Access::Public, "a"}, answering("a")), std::logic_error);
  EXPECT_THROW(router.add({"GET", "/a", Access::Public, "a"}, Handler{}), std::logic_error);
}

}  // namespace
}  // namespace arena::server::http
