// The Contest API's event feed against a real arena-server: one connection follows a running
// contest across several verdicts (on our HTTP/1.1 fast path and on Poco's path, HTTP/1.0),
// quiet times bring keep-alive newlines, a reconnect with since_token continues without gap or
// duplicate, readers past ARENA_CCS_MAX_FEEDS get 503 in the error shape, a reader that never
// reads holds up nobody, a finished contest's feed ends with end_of_updates and the server's
// close, and stopping the server with feeds open is prompt. Sandbox uids 600000+.

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <optional>
#include <set>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server_test.hpp"

namespace arena::server::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

// One event-feed request over a raw socket: the head, then the body as it comes.
class FeedReader {
 public:
  FeedReader(int port, const std::string& path, const std::string& token,
             const std::string& version = "HTTP/1.1") {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return;
    std::string request = "GET " + path + " " + version + "\r\nHost: 127.0.0.1\r\n";
    if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
    request += "\r\n";
    ::send(m_fd, request.data(), request.size(), MSG_NOSIGNAL);
  }
  ~FeedReader() { hangUp(); }
  FeedReader(const FeedReader&) = delete;
  FeedReader& operator=(const FeedReader&) = delete;

  void hangUp() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

  // Reads the status line and headers; the status (0 when none came).
  int head(std::chrono::milliseconds timeout = 10s) {
    const auto deadline = Clock::now() + timeout;
    while (m_buffer.find("\r\n\r\n") == std::string::npos) {
      if (!readSome(deadline)) return 0;
    }
    const auto end = m_buffer.find("\r\n\r\n");
    m_head = m_buffer.substr(0, end);
    m_buffer.erase(0, end + 4);
    return std::atoi(m_head.c_str() + m_head.find(' ') + 1);
  }
  bool hasHeader(const std::string& text) const { return m_head.find(text) != std::string::npos; }
  const std::string& headText() const { return m_head; }

  // The next line of the body (without "\n"); nullopt at the timeout or the end of the stream.
  std::optional<std::string> nextLine(std::chrono::milliseconds timeout = 15s) {
    const auto deadline = Clock::now() + timeout;
    while (m_buffer.find('\n') == std::string::npos) {
      if (!readSome(deadline)) return std::nullopt;
    }
    const auto end = m_buffer.find('\n');
    std::string line = m_buffer.substr(0, end);
    m_buffer.erase(0, end + 1);
    if (line.empty()) {
      ++m_keepAlives;
    } else {
      m_events.push_back(json::parse(line));
    }
    return line;
  }
  // Reads until an event matches; nullptr at the timeout or the end.
  const json* until(const std::function<bool(const json&)>& match,
                    std::chrono::milliseconds timeout = 30s) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      const auto before = m_events.size();
      const auto line =
          nextLine(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
      if (!line) return nullptr;
      if (m_events.size() > before && match(m_events.back())) return &m_events.back();
    }
    return nullptr;
  }
  // Reads until a keep-alive newline: everything recorded so far has been sent.
  bool caughtUp(std::chrono::milliseconds timeout = 15s) {
    const auto deadline = Clock::now() + timeout;
    const int before = m_keepAlives;
    while (m_keepAlives == before) {
      if (!nextLine(
              std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()))) {
        return false;
      }
    }
    return true;
  }
  // Reads to the end of the stream; false at the timeout.
  bool untilClosed(std::chrono::milliseconds timeout = 15s) {
    const auto deadline = Clock::now() + timeout;
    while (!m_closed) {
      if (!nextLine(
              std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())) &&
          !m_closed && Clock::now() >= deadline) {
        return false;
      }
    }
    return true;
  }

  const std::vector<json>& events() const { return m_events; }
  int keepAlives() const { return m_keepAlives; }
  bool closed() const { return m_closed; }
  std::string lastToken() const {
    return m_events.empty() ? std::string() : m_events.back().value("token", std::string());
  }

 private:
  bool readSome(Clock::time_point deadline) {
    if (m_fd < 0 || m_closed) return false;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd watched{m_fd, POLLIN, 0};
    if (::poll(&watched, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[65536];
    const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
      m_closed = true;
      return false;
    }
    m_buffer.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int m_fd = -1;
  std::string m_buffer;
  std::string m_head;
  std::vector<json> m_events;
  int m_keepAlives = 0;
  bool m_closed = false;
};

std::string isoUtc(std::chrono::system_clock::time_point at) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

class CcsFeedStreamTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const auto& [name, value] :
         std::map<std::string, std::string>{{"ARENA_SANDBOX_UID", "600000"},
                                            {"ARENA_CCS_KEEPALIVE_MS", "400"},
                                            {"ARENA_CCS_FEED_POLL_MS", "50"},
                                            {"ARENA_CCS_MAX_FEEDS", "4"}}) {
      ::setenv(name.c_str(), value.c_str(), 1);
    }
    startServer(/*judges=*/1);
    m_admin = loginAdmin();
    m_ada = registerUser("ada");
  }
  void TearDown() override {
    for (const char* name : {"ARENA_SANDBOX_UID", "ARENA_CCS_KEEPALIVE_MS",
                             "ARENA_CCS_FEED_POLL_MS", "ARENA_CCS_MAX_FEEDS"}) {
      ::unsetenv(name);
    }
    ServerTest::TearDown();
  }

  std::int64_t problemId(const std::string& slug) {
    const HttpResult reply = http().get("/api/problems/" + slug);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }
  // A contest with ada in it, from `startsAt` for an hour, no freeze.
  std::int64_t makeContest(const std::string& name, const std::string& startsAt) {
    const HttpResult made =
        http().post("/api/contests",
                    {{"name", name},
                     {"starts_at", startsAt},
                     {"duration_seconds", 3600},
                     {"rules", "icpc"},
                     {"visibility", "public"},
                     {"problems", {{{"problem_id", problemId("sum-of-two")}, {"label", "A"}}}}},
                    m_admin.accessToken);
    EXPECT_EQ(made.status, 201) << made.body;
    const std::int64_t id = made.json().value("id", std::int64_t{0});
    const HttpResult joined = http().post("/api/contests/" + std::to_string(id) + "/participants",
                                          {{"users", {m_ada.id}}}, m_admin.accessToken);
    EXPECT_LT(joined.status, 300) << joined.body;
    return id;
  }
  std::int64_t submit(std::int64_t contest, const std::string& language, const std::string& code) {
    const HttpResult reply = http().post("/api/submissions",
                                         {{"problem_id", problemId("sum-of-two")},
                                          {"language", language},
                                          {"code", code},
                                          {"contest_id", contest}},
                                         m_ada.accessToken);
    EXPECT_EQ(reply.status, 202) << reply.body;
    return reply.json().value("id", std::int64_t{0});
  }
  static std::string feedPath(std::int64_t contest, const std::string& since = {}) {
    return "/api/ccs/contests/" + std::to_string(contest) + "/event-feed" +
           (since.empty() ? "" : "?since_token=" + since);
  }
  // The judgement of submission `id` with its verdict.
  static std::function<bool(const json&)> judged(std::int64_t id) {
    return [id](const json& event) {
      return event.value("type", "") == "judgements" && event["data"].is_object() &&
             event["data"].value("submission_id", "") == std::to_string(id) &&
             event["data"].value("judgement_type_id", json()).is_string();
    };
  }

  Account m_admin;
  Account m_ada;
};

TEST_P(CcsFeedStreamTest, OneConnectionFollowsVerdictsKeepsAliveAndResumesWithoutGaps) {
  const std::int64_t contest =
      makeContest("Streaming", isoUtc(std::chrono::system_clock::now() - 1min));
  // The jury on our fast path, a team on Poco's (HTTP/1.0 is never the fast path's).
  FeedReader jury(server().port(), feedPath(contest), m_admin.accessToken);
  FeedReader team(server().port(), feedPath(contest), m_ada.accessToken, "HTTP/1.0");
  for (FeedReader* reader : {&jury, &team}) {
    ASSERT_EQ(reader->head(), 200) << reader->headText();
    EXPECT_TRUE(reader->hasHeader("Content-Type: application/x-ndjson")) << reader->headText();
    EXPECT_FALSE(reader->hasHeader("Content-Length")) << "the body ends with the connection";
    EXPECT_TRUE(reader->hasHeader("Connection: Close")) << reader->headText();
    ASSERT_TRUE(reader->until([](const json& e) { return e["type"] == "contest"; }));
  }

  // Three verdicts, each seen on the same connections as it happens.
  const std::pair<const char*, const char*> programs[] = {
      {"python3", kWrongPython}, {"cpp17", kSumCpp}, {"python3", kSumPython}};
  for (const auto& [language, code] : programs) {
    const std::int64_t id = submit(contest, language, code);
    const json* seen = jury.until(judged(id), 60s);
    ASSERT_TRUE(seen) << "submission " << id << " not on the jury's feed";
    ASSERT_TRUE(team.until(judged(id), 15s)) << "submission " << id << " not on the team's feed";
  }
  EXPECT_FALSE(jury.closed());
  EXPECT_FALSE(team.closed());

  // Quiet now: a lone newline comes after the keep-alive interval (400 ms here).
  ASSERT_TRUE(jury.caughtUp(5s)) << "no keep-alive newline";
  ASSERT_TRUE(team.caughtUp(5s));

  // Reconnect after the first half of the jury's events: the rest comes, nothing twice.
  const std::vector<json> seen = jury.events();
  const std::size_t half = seen.size() / 2;
  FeedReader resumed(server().port(), feedPath(contest, seen[half - 1]["token"].get<std::string>()),
                     m_admin.accessToken);
  ASSERT_EQ(resumed.head(), 200);
  ASSERT_TRUE(resumed.caughtUp());
  std::vector<json> joined(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(half));
  joined.insert(joined.end(), resumed.events().begin(), resumed.events().end());
  EXPECT_EQ(json(joined), json(seen)) << "resuming gave a gap, a duplicate or another order";
  std::set<std::string> tokens;
  for (const auto& event : joined) EXPECT_TRUE(tokens.insert(event["token"]).second);
}

// What follows does not depend on the log's backend (the first test runs on both): SQLite only.
class CcsFeedStreamLimitsTest : public CcsFeedStreamTest {};

TEST_P(CcsFeedStreamLimitsTest, BoundedFeedsAStalledReaderAndAPromptStop) {
  const std::int64_t contest =
      makeContest("Bounded", isoUtc(std::chrono::system_clock::now() - 1min));
  // One reader that never reads past its head, and three that follow: the bound (4) is full.
  FeedReader stalled(server().port(), feedPath(contest), m_admin.accessToken);
  ASSERT_EQ(stalled.head(), 200);
  std::vector<std::unique_ptr<FeedReader>> readers;
  for (int i = 0; i < 3; ++i) {
    readers.push_back(
        std::make_unique<FeedReader>(server().port(), feedPath(contest), m_admin.accessToken));
    ASSERT_EQ(readers.back()->head(), 200) << readers.back()->headText();
  }
  const HttpResult refused = http().get(feedPath(contest), m_admin.accessToken);
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.json()["error"]["status"], 503) << refused.body;
  // The rest of the server answers as ever, and a verdict reaches the followers.
  EXPECT_EQ(http().get("/healthz").status, 200);
  const std::int64_t id = submit(contest, "cpp17", kSumCpp);
  for (auto& reader : readers) ASSERT_TRUE(reader->until(judged(id), 60s));

  // A reader that leaves gives its place back.
  readers.back()->hangUp();
  readers.pop_back();
  HttpResult again;
  for (auto deadline = Clock::now() + 5s; Clock::now() < deadline;) {
    FeedReader probe(server().port(), feedPath(contest), m_admin.accessToken);
    if (probe.head() == 200) {
      again.status = 200;
      break;
    }
    std::this_thread::sleep_for(50ms);  // the streamer notices the hang-up on its next look
  }
  EXPECT_EQ(again.status, 200) << "the place of a reader that left is free again";

  // Stopping with feeds open (and one that never read) is prompt and ends every stream.
  const auto started = Clock::now();
  server().stop();
  EXPECT_LT(Clock::now() - started, 8s);
  for (auto& reader : readers) EXPECT_TRUE(reader->untilClosed(5s));
}

TEST_P(CcsFeedStreamLimitsTest, AFinishedContestsFeedEndsWithEndOfUpdatesAndTheServersClose) {
  const std::int64_t contest = makeContest("Finished", "2020-01-01T00:00:00Z");
  for (const char* version : {"HTTP/1.1", "HTTP/1.0"}) {
    FeedReader reader(server().port(), feedPath(contest), m_ada.accessToken, version);
    ASSERT_EQ(reader.head(), 200) << version;
    ASSERT_TRUE(reader.untilClosed()) << version << ": the server did not close the feed";
    ASSERT_FALSE(reader.events().empty());
    const json& last = reader.events().back();
    EXPECT_EQ(last["type"], "state") << last.dump();
    EXPECT_TRUE(last["data"]["end_of_updates"].is_string()) << last.dump();
    // Resuming after the end: nothing more, and the close at once.
    FeedReader after(server().port(), feedPath(contest, last["token"].get<std::string>()),
                     m_ada.accessToken, version);
    ASSERT_EQ(after.head(), 200);
    ASSERT_TRUE(after.untilClosed(5s));
    EXPECT_TRUE(after.events().empty());
  }
  // A bad since_token and an unknown contest are refused before any stream.
  EXPECT_EQ(http().get(feedPath(contest, "nope"), m_ada.accessToken).status, 400);
  EXPECT_EQ(http().get(feedPath(987654), m_ada.accessToken).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, CcsFeedStreamTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite,
                                           storage::testing::TestBackend::Mysql),
                         storage::testing::backendName);
INSTANTIATE_TEST_SUITE_P(Backends, CcsFeedStreamLimitsTest,
                         ::testing::Values(storage::testing::TestBackend::Sqlite),
                         storage::testing::backendName);

}  // namespace
}  // namespace arena::server::testing
