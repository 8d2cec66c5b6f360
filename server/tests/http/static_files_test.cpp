#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>

namespace arena::server::http {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string header(const Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

// A built web UI in a temporary directory, with a secret next to it.
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base = fs::temp_directory_path() /
           ("arena-static-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base);
    root = base / "dist";
    write(root / "index.html", "<!doctype html><title>arena</title>");
    write(root / "assets" / "index-3f2a.js", "console.log(1)");
    write(root / "assets" / "index-3f2a.css", "body{}");
    write(root / "assets" / "font.woff2", "wOF2");
    write(root / "favicon.ico", "ico");
    write(root / "robots.txt", "User-agent: *");
    write(root / ".env", "SECRET=1");
    write(base / "secret.txt", "top secret");
  }
  void TearDown() override { fs::remove_all(base); }

  Result<Response> get(std::string path, std::string method = "GET") {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    return StaticFiles(root).serve(request);
  }

  fs::path base;
  fs::path root;
};

TEST_F(StaticFilesTest, RootServesIndexWithNoCache) {
  const auto response = get("/");
  ASSERT_TRUE(response.has_value()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->bodyView(), "<!doctype html><title>arena</title>");
  EXPECT_EQ(response->contentType, "text/html; charset=utf-8");
  EXPECT_EQ(header(*response, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, AssetsGetTheirMimeTypeAndImmutableCaching) {
  const std::pair<const char*, const char*> cases[] = {
      {"/assets/index-3f2a.js", "text/javascript; charset=utf-8"},
      {"/assets/index-3f2a.css", "text/css; charset=utf-8"},
      {"/assets/font.woff2", "font/woff2"},
  };
  for (const auto& [path, mime] : cases) {
    const auto response = get(path);
    ASSERT_TRUE(response.has_value()) << path;
    EXPECT_EQ(response->contentType, mime) << path;
    EXPECT_EQ(header(*response, "Cache-Control"), "public, max-age=31536000, immutable") << path;
  }
  const auto icon = get("/favicon.ico");
  ASSERT_TRUE(icon.has_value());
  EXPECT_EQ(icon->contentType, "image/x-icon");
  EXPECT_EQ(header(*icon, "Cache-Control"), "no-cache");
  EXPECT_EQ(get("/robots.txt")->contentType, "text/plain; charset=utf-8");
}

TEST_F(StaticFilesTest, DeepLinksFallBackToIndex) {
  for (const char* path :
       {"/problems/two-sum", "/submissions/42/", "/problems/two%20sum", "/assets"}) {
    const auto response = get(path);
    ASSERT_TRUE(response.has_value()) << path;
    EXPECT_EQ(response->contentType, "text/html; charset=utf-8") << path;
    EXPECT_EQ(header(*response, "Cache-Control"), "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, MissingAssetIsA404NotIndex) {
  for (const char* path : {"/assets/missing.js", "/assets/nested/x", "/missing.js", "/app.css"}) {
    const auto response = get(path);
    ASSERT_FALSE(response.has_value()) << path;
    EXPECT_EQ(response.error().code, ErrorCode::NotFound) << path;
  }
}

TEST_F(StaticFilesTest, TraversalAttemptsServeNothingOutside) {
  for (const char* path :
       {"/../secret.txt", "/../etc/passwd", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2Fsecret.txt",
        "/.env", "/%2eenv", "/assets/..\\..\\secret.txt", "/a%00b", "/assets/%zz"}) {
    const auto response = get(path);
    if (response.has_value()) {
      // Some shapes are harmless deep links; they must still only ever be index.html.
      EXPECT_EQ(response->bodyView(), "<!doctype html><title>arena</title>") << path;
    }
    if (response.has_value()) {
      EXPECT_EQ(std::string(response->bodyView()).find("secret"), std::string::npos) << path;
    }
  }
  EXPECT_FALSE(get("/../secret.txt").has_value());
  EXPECT_FALSE(get("/%2e%2e/secret.txt").has_value());
}

TEST_F(StaticFilesTest, SymlinkPointingOutIsNotServed) {
  fs::create_symlink(base / "secret.txt", root / "assets" / "leak.js");
  fs::create_directory_symlink(base, root / "outside");
  const auto file = get("/assets/leak.js");
  ASSERT_FALSE(file.has_value());
  EXPECT_EQ(file.error().code, ErrorCode::NotFound);
  const auto viaDirectory = get("/outside/secret.txt");
  ASSERT_FALSE(viaDirectory.has_value());
}

TEST_F(StaticFilesTest, SymlinkInsideTheRootIsServed) {
  fs::create_symlink(root / "assets" / "index-3f2a.js", root / "assets" / "alias.js");
  const auto response = get("/assets/alias.js");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->bodyView(), "console.log(1)");
}

TEST_F(StaticFilesTest, HeadIsAnsweredLikeGet) {
  const auto response = get("/assets/index-3f2a.js", "HEAD");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->contentType, "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/", "POST").error().code, ErrorCode::MethodNotAllowed);
}

TEST_F(StaticFilesTest, ChangedFileIsServedFresh) {
  StaticFiles files(root);
  Request request;
  request.method = "GET";
  request.path = "/robots.txt";
  EXPECT_EQ(files.serve(request)->bodyView(), "User-agent: *");
  write(root / "robots.txt", "User-agent: * Disallow: /");
  EXPECT_EQ(files.serve(request)->bodyView(), "User-agent: * Disallow: /");
}

TEST_F(StaticFilesTest, MatchingETagAnswers304) {
  const auto first = get("/");
  ASSERT_TRUE(first.has_value());
  const std::string etag = header(*first, "ETag");
  ASSERT_FALSE(etag.empty());
  Request request;
  request.method = "GET";
  request.path = "/problems/1";
  request.headers = {{"if-none-match", etag}};
  const auto revalidated = StaticFiles(root).serve(request);
  ASSERT_TRUE(revalidated.has_value());
  EXPECT_EQ(revalidated->status, 304);
  EXPECT_TRUE(revalidated->bodyView().empty());
  request.headers = {{"if-none-match", "\"stale\""}};
  EXPECT_EQ(StaticFiles(root).serve(request)->status, 200);
}

TEST(StaticFilesUnbuiltTest, NoIndexMeansNotFound) {
  Request request;
  request.method = "GET";
  request.path = "/";
  const auto response = StaticFiles("/nonexistent/arena/webui").serve(request);
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace arena::server::http
