// SnapshotScheduler with a fake wall clock and a repository that records what it is asked.

#include "features/leaderboard/snapshot_scheduler.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "fake_wall_clock.hpp"

namespace arena::server::leaderboard {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;
using testing::FakeWallClock;
using testing::nov26;

const sys_days kNov26{std::chrono::year{2026} / std::chrono::November / 26};

// Keeps one snapshot per date, like storage; can be told to fail.
class RecordingLeaderboard final : public storage::LeaderboardRepository {
 public:
  Result<std::vector<model::LeaderboardEntry>> top(int) override { return {}; }
  Result<storage::SnapshotOutcome> takeSnapshot(sys_days date, int limit) override {
    std::lock_guard lock(m_mutex);
    m_requests.push_back(date);
    m_limit = limit;
    if (m_failing) return fail(ErrorCode::Unavailable, "database down", true);
    const bool fresh = std::find(m_taken.begin(), m_taken.end(), date) == m_taken.end();
    if (fresh) m_taken.push_back(date);
    return storage::SnapshotOutcome{fresh, 1};
  }
  Result<std::vector<model::LeaderboardEntry>> snapshot(sys_days) override { return {}; }

  void setFailing(bool failing) {
    std::lock_guard lock(m_mutex);
    m_failing = failing;
  }
  std::vector<sys_days> requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }
  int limit() const {
    std::lock_guard lock(m_mutex);
    return m_limit;
  }

 private:
  mutable std::mutex m_mutex;
  bool m_failing = false;
  int m_limit = 0;
  std::vector<sys_days> m_requests;
  std::vector<sys_days> m_taken;
};

// Collects onAttempt calls from the scheduler's thread; tests wait for a count.
class Attempts {
 public:
  void add(sys_days date, bool ok) {
    {
      std::lock_guard lock(m_mutex);
      m_items.emplace_back(date, ok);
    }
    m_changed.notify_all();
  }
  bool waitFor(std::size_t count, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return m_items.size() >= count; });
  }
  std::vector<std::pair<sys_days, bool>> items() const {
    std::lock_guard lock(m_mutex);
    return m_items;
  }

 private:
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::pair<sys_days, bool>> m_items;
};

class SnapshotSchedulerTest : public ::testing::Test {
 protected:
  SnapshotSchedulerOptions options() {
    SnapshotSchedulerOptions options;
    options.now = m_clock.function();
    options.delayAfterMidnight = 2min;
    options.retryAfter = 30s;
    options.maxWait = 1h;  // stop() must not depend on this running out
    options.onAttempt = [this](sys_days date, const Result<storage::SnapshotOutcome>& outcome) {
      m_attempts.add(date, outcome.has_value());
    };
    return options;
  }

  FakeWallClock m_clock{nov26(10h)};
  RecordingLeaderboard m_repository;
  LeaderboardService m_service{m_repository, {.snapshotSize = 75, .now = m_clock.function(), .shared = nullptr}};
  Attempts m_attempts;
};

TEST_F(SnapshotSchedulerTest, TakesTodaysAtOnceOnTheFirstPassThenOncePerDayAfterMidnight) {
  SnapshotScheduler scheduler(m_service, options());
  EXPECT_EQ(scheduler.runDue(), nov26(24h + 2min));
  EXPECT_EQ(m_repository.requests(), std::vector<sys_days>{kNov26});
  EXPECT_EQ(m_repository.limit(), 75);

  m_clock.set(nov26(23h + 59min));
  EXPECT_EQ(scheduler.runDue(), nov26(24h + 2min));
  m_clock.set(nov26(24h + 1min));  // after midnight, before the delay
  EXPECT_EQ(scheduler.runDue(), nov26(24h + 2min));
  EXPECT_EQ(m_repository.requests().size(), 1U);

  m_clock.set(nov26(24h + 2min));
  EXPECT_EQ(scheduler.runDue(), nov26(48h + 2min));
  EXPECT_EQ(scheduler.runDue(), nov26(48h + 2min));
  EXPECT_EQ(m_repository.requests(),
            (std::vector<sys_days>{kNov26, kNov26 + std::chrono::days{1}}));
}

TEST_F(SnapshotSchedulerTest, WithoutCatchUpAStartLateInTheDayWaitsForTomorrowsRun) {
  SnapshotSchedulerOptions noCatchUp = options();
  noCatchUp.catchUpOnStart = false;
  SnapshotScheduler scheduler(m_service, noCatchUp);
  EXPECT_EQ(scheduler.runDue(), nov26(24h + 2min));
  EXPECT_TRUE(m_repository.requests().empty());

  m_clock.set(nov26(24h + 2min));
  EXPECT_EQ(scheduler.runDue(), nov26(48h + 2min));
  EXPECT_EQ(m_repository.requests(), std::vector<sys_days>{kNov26 + std::chrono::days{1}});
}

TEST_F(SnapshotSchedulerTest, WithoutCatchUpAStartJustAfterMidnightStillTakesTodays) {
  m_clock.set(nov26(1min));
  SnapshotSchedulerOptions noCatchUp = options();
  noCatchUp.catchUpOnStart = false;
  SnapshotScheduler scheduler(m_service, noCatchUp);
  EXPECT_EQ(scheduler.runDue(), nov26(2min));
  m_clock.set(nov26(2min));
  EXPECT_EQ(scheduler.runDue(), nov26(24h + 2min));
  EXPECT_EQ(m_repository.requests(), std::vector<sys_days>{kNov26});
}

TEST_F(SnapshotSchedulerTest, ADayMissedWhileTheClockJumpedIsTakenForTheDayItIsNow) {
  SnapshotScheduler scheduler(m_service, options());
  scheduler.runDue();
  m_clock.set(nov26(72h + 5h));
  scheduler.runDue();
  EXPECT_EQ(m_repository.requests(),
            (std::vector<sys_days>{kNov26, kNov26 + std::chrono::days{3}}));
}

TEST_F(SnapshotSchedulerTest, AFailedAttemptIsRetriedAfterTheRetryDelay) {
  SnapshotScheduler scheduler(m_service, options());
  m_repository.setFailing(true);
  EXPECT_EQ(scheduler.runDue(), nov26(10h + 30s));
  m_clock.advance(29s);
  EXPECT_EQ(scheduler.runDue(), nov26(10h + 30s));
  EXPECT_EQ(m_repository.requests().size(), 1U);

  m_repository.setFailing(false);
  m_clock.advance(1s);
  EXPECT_EQ(scheduler.runDue(), nov26(24h + 2min));
  EXPECT_EQ(m_repository.requests(), (std::vector<sys_days>{kNov26, kNov26}));
  EXPECT_EQ(m_attempts.items(),
            (std::vector<std::pair<sys_days, bool>>{{kNov26, false}, {kNov26, true}}));
}

TEST_F(SnapshotSchedulerTest, TheThreadTakesOneSnapshotPerDayAndStopsPromptly) {
  SnapshotScheduler scheduler(m_service, options());
  scheduler.start();
  ASSERT_TRUE(m_attempts.waitFor(1)) << "no snapshot at start-up";

  // Waking it on the same day takes nothing more.
  m_clock.set(nov26(20h));
  scheduler.wake();
  m_clock.set(nov26(24h + 3min));
  scheduler.wake();
  ASSERT_TRUE(m_attempts.waitFor(2)) << "no snapshot after midnight";

  const auto stopping = std::chrono::steady_clock::now();
  scheduler.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 1s) << "stop() waited for the timer";
  EXPECT_EQ(m_attempts.items(), (std::vector<std::pair<sys_days, bool>>{
                                    {kNov26, true}, {kNov26 + std::chrono::days{1}, true}}));
  scheduler.stop();  // twice is harmless
}

TEST_F(SnapshotSchedulerTest, DestroyingARunningSchedulerStopsIt) {
  const auto started = std::chrono::steady_clock::now();
  {
    SnapshotScheduler scheduler(m_service, options());
    scheduler.start();
    ASSERT_TRUE(m_attempts.waitFor(1));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(m_repository.requests().size(), 1U);
}

}  // namespace
}  // namespace arena::server::leaderboard
