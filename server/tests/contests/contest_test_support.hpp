#pragma once
// Shared set-up for the contest service and routes tests: a storage fixture with an injected
// clock, a bus that records what was published, and helpers that make judged contest
// submissions at chosen contest times (their client time, which is what the board counts).

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "features/contests/contest_service.hpp"
#include "storage_fixture.hpp"

namespace arena::server::contests::testing {

using namespace std::chrono_literals;

class RecordingBus final : public live::EventBus {
 public:
  void publish(const live::Event& event) override {
    std::lock_guard lock(m_mutex);
    m_events.push_back(event);
  }
  void subscribe(Subscriber) override {}
  std::vector<live::Event> events() {
    std::lock_guard lock(m_mutex);
    return m_events;
  }
  void clear() {
    std::lock_guard lock(m_mutex);
    m_events.clear();
  }

 private:
  std::mutex m_mutex;
  std::vector<live::Event> m_events;
};

// 2026-03-15T09:00:00Z: the contests below start here.
inline const Timestamp kStart{std::chrono::seconds{1'773'565'200}};

class ContestTestBase : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    m_boards = std::make_unique<ContestBoards>(storage().contests(), &m_bus);
    m_service = std::make_unique<ContestService>(storage().contests(), storage().users(),
                                                 storage().problems(), *m_boards,
                                                 [this] { return m_now; });
    m_problemA = makeProblem("contest-a");
    m_problemB = makeProblem("contest-b");
    m_proctor = makeUser("proctor", model::Role::Proctor);
    m_ada = makeUser("ada");
    m_bob = makeUser("bob");
    m_outsider = makeUser("outsider");
  }
  void TearDown() override {
    m_service.reset();
    m_boards.reset();
    StorageTest::TearDown();
  }

  // Two problems, 2 h long, frozen after 1 h, one participant each for ada and bob.
  nlohmann::json contestBody(const std::string& visibility = "private") {
    return {{"name", "Spring Cup"},
            {"starts_at", formatTimestamp(kStart)},
            {"duration_seconds", 7200},
            {"freeze_after_seconds", 3600},
            {"rules", "icpc"},
            {"visibility", visibility},
            {"offline_grace_seconds", 600},
            {"problems",
             {{{"problem_id", m_problemA}, {"label", "A"}, {"color", "#ff0000"}},
              {{"problem_id", m_problemB}, {"label", "B"}}}}};
  }
  std::int64_t makeContest(nlohmann::json body) {
    auto created = m_service->create(body);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    return created ? (*created)["id"].get<std::int64_t>() : 0;
  }
  std::int64_t makeContestWithAdaAndBob(const std::string& visibility = "private") {
    const auto id = makeContest(contestBody(visibility));
    auto added = m_service->addParticipants(id, {{"users", {m_ada, m_bob}}});
    EXPECT_TRUE(added.has_value()) << added.error().message;
    return id;
  }

  // A submission counted `at` into the contest, judged `verdict` (none: still queued).
  std::int64_t submit(std::int64_t contest, std::int64_t user, std::int64_t problem,
                      std::chrono::minutes at, std::optional<model::Verdict> verdict,
                      std::vector<model::TestResult> tests = {}) {
    storage::NewSubmission submission{user, problem, "cpp17", "int main(){}", std::nullopt,
                                      contest, kStart + at};
    auto created = storage().submissions().create(submission);
    EXPECT_TRUE(created.has_value()) << created.error().message;
    const auto id = created ? created->record.submission.id : 0;
    if (verdict) {
      auto attempt = storage().submissions().claimForJudging(id);
      storage::JudgeResult result;
      result.verdict = *verdict;
      result.tests = std::move(tests);
      result.judgedAt = kStart + at;
      EXPECT_TRUE(storage().submissions().recordResult(id, *attempt, result).has_value());
    }
    m_boards->submissionChanged(id);
    m_boards->drain();
    return id;
  }

  http::Principal principal(std::int64_t id, model::Role role = model::Role::Contestant) {
    return {id, "user" + std::to_string(id), role};
  }
  nlohmann::json board(std::int64_t contest, std::optional<std::string> view = std::nullopt,
                       std::optional<http::Principal> who = std::nullopt) {
    if (!who) who = principal(m_proctor, model::Role::Proctor);
    auto text = m_service->scoreboard(who, contest, std::move(view));
    EXPECT_TRUE(text.has_value()) << text.error().message;
    return text ? nlohmann::json::parse(*text) : nlohmann::json{};
  }

  Timestamp m_now = kStart - 1h;
  RecordingBus m_bus;
  std::unique_ptr<ContestBoards> m_boards;
  std::unique_ptr<ContestService> m_service;
  std::int64_t m_problemA = 0;
  std::int64_t m_problemB = 0;
  std::int64_t m_proctor = 0;
  std::int64_t m_ada = 0;
  std::int64_t m_bob = 0;
  std::int64_t m_outsider = 0;
};

}  // namespace arena::server::contests::testing
