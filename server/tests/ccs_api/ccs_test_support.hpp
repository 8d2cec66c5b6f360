#pragma once
// The Contest API over a contest made with the contests suite's fixture (ContestTestBase): the
// routes in a RouteHarness with tokens for the jury (proctor), two teams (ada, bob) and an
// outsider, an injected clock. The event feed's route answers a stream handoff; what its stream
// would send first is read with CcsApiService::eventsNow (the streaming itself is tested in
// ccs_feed_streamer_test and, over a real server, integration/ccs_feed_stream_test).

#include <map>
#include <set>
#include <sstream>

#include "contest_test_support.hpp"
#include "features/ccs_api/ccs_routes.hpp"
#include "route_harness.hpp"

namespace arena::server::contests::testing {

using arena::server::testing::RouteHarness;
namespace ccs = arena::server::ccs_api;

// The events of an NDJSON body; keep-alive newlines are skipped.
inline std::vector<nlohmann::json> ndjsonLines(std::string_view ndjson) {
  std::vector<nlohmann::json> events;
  std::istringstream in{std::string(ndjson)};
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) events.push_back(nlohmann::json::parse(line));
  }
  return events;
}

class CcsApiTestBase : public ContestTestBase {
 protected:
  void SetUp() override {
    ContestTestBase::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_ccs = makeCcs(shortWaits());
    ccs::registerCcsRoutes(m_routes.router(), *m_ccs);
    m_callers = {{"proctor", principal(m_proctor, model::Role::Proctor)},
                 {"ada", principal(m_ada)},
                 {"bob", principal(m_bob)},
                 {"outsider", principal(m_outsider)}};
    for (const auto& [name, who] : m_callers) m_routes.grant(name, who);
  }
  void TearDown() override {
    m_ccs.reset();
    ContestTestBase::TearDown();
  }

  static ccs::CcsApiOptions shortWaits() {
    ccs::CcsApiOptions options;
    options.keepAlive = std::chrono::milliseconds{150};
    options.pollInterval = std::chrono::milliseconds{10};
    options.maxOpenFeeds = 4;
    return options;
  }
  // A service over this test's storage and clock (SetUp makes the one the routes use).
  std::unique_ptr<ccs::CcsApiService> makeCcs(const ccs::CcsApiOptions& options) {
    return std::make_unique<ccs::CcsApiService>(
        ccs::CcsSources{storage().contests(),
                        storage().clarifications(),
                        storage().problems(),
                        storage().submissions(),
                        {{"cpp17", "C++17", {"cpp"}}}},
        *m_service, storage().database(), [this] { return m_now; }, options);
  }

  http::Response get(const std::string& path, std::optional<std::string> token = {}) {
    return m_routes.call("GET", "/api/ccs" + path, token);
  }
  nlohmann::json getJson(const std::string& path, std::optional<std::string> token = {}) {
    const auto response = get(path, token);
    EXPECT_EQ(response.status, 200) << path << ": " << response.bodyView();
    return RouteHarness::body(response);
  }
  std::vector<nlohmann::json> feed(const std::string& contest,
                                   std::optional<std::string> token = {},
                                   std::optional<std::string> since = {}) {
    const auto response = get(
        "/contests/" + contest + "/event-feed" + (since ? "?since_token=" + *since : ""), token);
    EXPECT_EQ(response.status, 200) << response.bodyView();
    EXPECT_EQ(response.contentType, "application/x-ndjson");
    EXPECT_TRUE(response.stream) << "the feed's connection goes to the streamer";
    EXPECT_TRUE(response.bodyView().empty());
    auto body = m_ccs->eventsNow(caller(token), contest, since);
    EXPECT_TRUE(body.has_value()) << (body ? "" : body.error().message);
    return body ? ndjsonLines(*body) : std::vector<nlohmann::json>{};
  }
  ccs::Caller caller(const std::optional<std::string>& token) const {
    if (!token) return std::nullopt;
    return m_callers.at(*token);
  }
  static std::set<std::string> ids(const nlohmann::json& list) {
    std::set<std::string> out;
    for (const auto& object : list) out.insert(object["id"].get<std::string>());
    return out;
  }
  std::int64_t teamOf(std::int64_t user, std::int64_t contest) {
    auto team = storage().contests().teamOf(contest, user);
    EXPECT_TRUE(team && *team);
    return team && *team ? **team : 0;
  }
  static void expectNotFound(const http::Response& response) {
    EXPECT_EQ(response.status, 404) << response.bodyView();
    const nlohmann::json body = RouteHarness::body(response);
    ASSERT_TRUE(body.contains("error")) << response.bodyView();
    EXPECT_EQ(body["error"]["status"], 404);
    EXPECT_EQ(body["error"]["type"], "not_found");
    EXPECT_TRUE(body["error"]["message"].is_string());
  }

  // ada: AC on A at 0:30 with two tests; bob: WA on B at 1:10 (after the freeze at 1:00).
  std::pair<std::int64_t, std::int64_t> playTwoSubmissions(std::int64_t contest) {
    const auto adaAc =
        submit(contest, m_ada, m_problemA, 30min, model::Verdict::Accepted,
               {{1, model::Verdict::Accepted, 12, 100}, {2, model::Verdict::Accepted, 34, 100}});
    const auto bobWa = submit(contest, m_bob, m_problemB, 70min, model::Verdict::WrongAnswer,
                              {{1, model::Verdict::WrongAnswer, 5, 100}});
    return {adaAc, bobWa};
  }

  RouteHarness m_routes;
  std::map<std::string, http::Principal> m_callers;  // token name -> who
  std::unique_ptr<ccs::CcsApiService> m_ccs;
};

}  // namespace arena::server::contests::testing
