#pragma once
// A real arena-executor in the test process: the shipped language table, a real sandbox, a
// private compile cache and work directory, the Poco server on 127.0.0.1 and a free port.
// Tests speak HTTP to it with Poco's client. Each test (one process under ctest) gets its own
// directories and port, so tests may run in parallel.

#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "arena/judge/compile_cache.hpp"
#include "arena/judge/language.hpp"
#include "arena/judge/temp_dir.hpp"
#include "arena/sandbox/sandbox.hpp"
#include "executor_server.hpp"
#include "executor_service.hpp"

namespace arena::executor::testing {

struct Reply {
  int status = 0;
  std::string body;
  std::string cacheHeader;
  std::string allowHeader;
  std::string contentType;
  bool keepAlive = false;
  std::int64_t contentLength = -1;
  double seconds = 0;

  nlohmann::json json() const {
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    return parsed;
  }
};

class ExecutorFixture : public ::testing::Test {
 protected:
  // One sandbox per test process, made before any thread exists (its keepers are forked).
  static void SetUpTestSuite() {
    if (box()) return;
    sandbox::SandboxOptions options;
    options.slots = 2;
    // Distinct uids per process: ctest runs test processes side by side.
    options.firstUid = 61000 + static_cast<std::uint32_t>(getpid() % 1000) * 2;
    auto created = sandbox::Sandbox::create(options);
    ASSERT_TRUE(created) << created.error().message;
    box() = std::make_unique<sandbox::Sandbox>(std::move(*created));
  }

  static std::unique_ptr<sandbox::Sandbox>& box() {
    static std::unique_ptr<sandbox::Sandbox> instance;
    return instance;
  }

  // Tests may tighten the table (e.g. compile limits) before the server starts.
  virtual void adjustLanguages(judge::LanguageTable&) {}

  void SetUp() override {
    ASSERT_TRUE(box());
    auto dir = judge::TempDir::create(std::filesystem::temp_directory_path(), "executor-test-",
                                           judge::kTraversable);
    ASSERT_TRUE(dir) << dir.error().message;
    m_dir.emplace(std::move(*dir));

    auto table = judge::LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
    ASSERT_TRUE(table) << table.error().message;
    table->detectAvailability();
    adjustLanguages(*table);
    auto cache = judge::CompileCache::open(m_dir->path() / "cache");
    ASSERT_TRUE(cache) << cache.error().message;
    m_service = std::make_unique<ExecutorService>(std::move(*table), *box(), std::move(*cache),
                                                  ExecutorService::Options{m_dir->path() / "work"});
    ExecutorServer::Options options;
    options.bind = "127.0.0.1";
    options.port = 0;  // a free port: tests run side by side
    options.threads = 4;
    options.queue = 16;
    auto server = ExecutorServer::start(*m_service, options);
    ASSERT_TRUE(server) << server.error().message;
    m_server = std::move(*server);
    ASSERT_NE(m_server->port(), 0);
  }

  void TearDown() override {
    m_server.reset();
    m_service.reset();
    m_dir.reset();
  }

  std::unique_ptr<Poco::Net::HTTPClientSession> session() const {
    auto client = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", m_server->port());
    client->setTimeout(Poco::Timespan(60, 0));
    client->setKeepAlive(true);
    return client;
  }

  static Reply exchange(Poco::Net::HTTPClientSession& client, const std::string& method,
                        const std::string& path, const std::optional<std::string>& body,
                        const std::string& contentType = "application/json") {
    const auto started = std::chrono::steady_clock::now();
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    if (body) {
      if (!contentType.empty()) request.setContentType(contentType);
      request.setContentLength64(static_cast<Poco::Int64>(body->size()));
    }
    std::ostream& out = client.sendRequest(request);
    if (body) out.write(body->data(), static_cast<std::streamsize>(body->size()));
    Poco::Net::HTTPResponse response;
    std::istream& in = client.receiveResponse(response);
    Reply reply;
    std::ostringstream text;
    Poco::StreamCopier::copyStream(in, text);
    reply.status = static_cast<int>(response.getStatus());
    reply.body = text.str();
    reply.cacheHeader = response.get("X-Arena-Compile-Cache", "");
    reply.allowHeader = response.get("Allow", "");
    reply.contentType = response.getContentType();
    reply.keepAlive = response.getKeepAlive();
    reply.contentLength = response.hasContentLength() ? response.getContentLength64() : -1;
    reply.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return reply;
  }

  Reply call(const std::string& method, const std::string& path,
             const std::optional<std::string>& body = std::nullopt,
             const std::string& contentType = "application/json") const {
    auto client = session();
    return exchange(*client, method, path, body, contentType);
  }

  Reply execute(const nlohmann::json& request) const {
    return call("POST", "/execute", request.dump());
  }

  // Asserts the shared error shape and returns the type.
  static std::string errorType(const Reply& reply) {
    const auto json = reply.json();
    EXPECT_TRUE(json.is_object()) << reply.body;
    if (!json.is_object() || !json.contains("error")) return "<no error object>";
    const auto& error = json.at("error");
    EXPECT_TRUE(error.contains("message") && error.at("message").is_string()) << reply.body;
    EXPECT_EQ(error.value("status", 0), reply.status) << reply.body;
    EXPECT_EQ(reply.contentType, "application/json");
    return error.value("type", std::string("<no type>"));
  }

  ExecutorService& service() { return *m_service; }
  std::optional<judge::TempDir> m_dir;
  std::unique_ptr<ExecutorService> m_service;
  std::unique_ptr<ExecutorServer> m_server;
};

}  // namespace arena::executor::testing
