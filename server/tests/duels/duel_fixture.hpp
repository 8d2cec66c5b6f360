#pragma once
// Duel tests on both storage backends: players with ratings, a problem, submissions placed at
// chosen instants with chosen verdicts, an in-process bus that records every event, and a clock
// the test moves by hand (no thread, no sleeps: tests call runPending() and tick()).

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "features/duels/duel_service.hpp"
#include "features/duels/sql_duel_repository.hpp"
#include "storage/sql/sql_database.hpp"
#include "storage_fixture.hpp"

namespace arena::server::duels::testing {

using namespace std::chrono_literals;

// Remembers every event published on the bus.
class EventLog {
 public:
  void record(const live::Event& event) {
    std::lock_guard lock(m_mutex);
    m_events.push_back(event);
  }
  std::vector<live::Event> on(const std::string& channel, const std::string& type) {
    std::lock_guard lock(m_mutex);
    std::vector<live::Event> found;
    for (const auto& event : m_events) {
      if (event.channel == channel && event.type == type) found.push_back(event);
    }
    return found;
  }

 private:
  std::mutex m_mutex;
  std::vector<live::Event> m_events;
};

class DuelTest : public storage::testing::StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    if (IsSkipped()) return;
    m_repository = std::make_unique<SqlDuelRepository>(storage().database());
    m_bus.subscribe([this](const live::Event& event) { m_log.record(event); });
    m_service = makeService("replica-a");
  }

  // A replica: its own service on the same database and bus (or on `duels`, e.g. a stale view).
  std::unique_ptr<DuelService> makeService(const std::string& replica,
                                           DuelRepository* duels = nullptr) {
    DuelSettings settings;
    settings.countdown = 5s;
    settings.timeLimit = 30min;
    settings.disconnectGrace = 30s;
    settings.judgingGrace = 2min;
    auto service = std::make_unique<DuelService>(
        DuelDeps{storage().matches(), duels ? *duels : *m_repository, storage().users(), m_bus},
        settings,
        [this] { return m_now; }, replica);
    service->subscribe();
    service->setRatingsChangedListener([this] { ++m_ratingsChanged; });
    return service;
  }

  DuelService& service() { return *m_service; }
  DuelRepository& repository() { return *m_repository; }
  live::InProcessEventBus& bus() { return m_bus; }
  EventLog& log() { return m_log; }
  Timestamp now() const { return m_now; }
  void advance(std::chrono::milliseconds by) { m_now += by; }
  int ratingsChanged() const { return m_ratingsChanged; }

  std::int64_t player(const std::string& name, std::int32_t rating = 1500,
                      double deviation = 200.0) {
    const std::int64_t id = makeUser(name);
    const storage::RatingChange change{id, rating, deviation, 0.06, std::nullopt};
    EXPECT_TRUE(storage().users().updateRatings(std::span(&change, 1)).has_value());
    return id;
  }

  // A match made by matchmaking, scheduled as a duel now (countdown 5 s, limit 30 min).
  Duel duelOf(std::int64_t a, std::int64_t b, std::int64_t problem, bool rated = true) {
    auto match = storage().matches().create({a, b, problem, model::MatchStatus::Active, m_now});
    EXPECT_TRUE(match.has_value()) << match.error().message;
    auto duel = service().schedule(*match, rated);
    EXPECT_TRUE(duel.has_value()) << duel.error().message;
    service().runPending();
    return *duel;
  }

  // A submission created at `at`; judged with `verdict` when given, else left queued.
  std::int64_t submit(std::int64_t user, std::int64_t problem, Timestamp at,
                      std::optional<model::Verdict> verdict) {
    auto created = storage().submissions().create({user, problem, "cpp17", "int main(){}", {}});
    EXPECT_TRUE(created.has_value()) << created.error().message;
    const std::int64_t id = created->record.submission.id;
    auto moved = storage().database().write(
        [&](storage::sql::SqlSession& session) -> Result<void> {
          auto done = session.execute("UPDATE submissions SET created_at = ? WHERE id = ?",
                                      {at, id});
          if (!done) return std::unexpected(done.error());
          return {};
        });
    EXPECT_TRUE(moved.has_value());
    if (verdict) judge(id, *verdict);
    return id;
  }

  void judge(std::int64_t id, model::Verdict verdict) {
    auto attempt = storage().submissions().claimForJudging(id);
    ASSERT_TRUE(attempt.has_value());
    storage::JudgeResult result;
    result.verdict = verdict;
    result.judgedAt = m_now;
    ASSERT_TRUE(storage().submissions().recordResult(id, *attempt, result).has_value());
  }

  // What the judge event publisher sends on `submissions` when a verdict is final.
  void announceVerdict(std::int64_t id, std::int64_t user, std::int64_t problem,
                       model::Verdict verdict) {
    const nlohmann::json data = {{"id", id},
                                 {"problem_id", problem},
                                 {"user_id", user},
                                 {"verdict", std::string(model::enumName(verdict))},
                                 {"exec_time_ms", 1},
                                 {"memory_kb", 1}};
    m_bus.publish({"submissions", "submission.verdict", data.dump()});
  }

  Duel reload(std::int64_t matchId) {
    auto duel = repository().find(matchId);
    EXPECT_TRUE(duel.has_value());
    return duel.value_or(Duel{});
  }

  storage::UserAccount account(std::int64_t id) {
    auto found = storage().users().findById(id);
    EXPECT_TRUE(found.has_value());
    return found.value_or(storage::UserAccount{});
  }

 private:
  // After the real clock: the starting ratings are logged at the real time, and the history
  // is ordered by time, so a duel must not end before them.
  Timestamp m_now{std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now()) + 1h};
  std::unique_ptr<SqlDuelRepository> m_repository;
  live::InProcessEventBus m_bus;
  EventLog m_log;
  std::unique_ptr<DuelService> m_service;
  int m_ratingsChanged = 0;
};

}  // namespace arena::server::duels::testing
