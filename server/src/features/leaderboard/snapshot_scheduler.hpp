#pragma once
// Takes the leaderboard snapshot of each UTC day, shortly after midnight.
//
// Theory of operation
//   One thread runs passes. A pass reads the (injectable) wall clock: when the current day's
//   snapshot is not yet known to exist and the day is `delayAfterMidnight` old, it takes it; the
//   very first pass takes it at once, so a server started at noon still has today's. Storage
//   keeps the first snapshot of a date, so a pass that repeats one (another instance, a restart)
//   changes nothing. A failed attempt is retried after `retryAfter`.
//   Between passes the thread waits on a condition variable until the next pass is due, but at
//   most `maxWait`, so a wall clock that jumps is noticed; stop() and wake() notify it, so the
//   thread ends promptly and a test with a fake clock can make it look again without sleeping.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "arena/core/error.hpp"
#include "features/leaderboard/leaderboard_service.hpp"
#include "storage/leaderboard_repository.hpp"

namespace arena::server::leaderboard {

struct SnapshotSchedulerOptions {
  WallClock now;  // the system clock when empty
  std::chrono::minutes delayAfterMidnight{1};
  std::chrono::seconds retryAfter{60};
  std::chrono::milliseconds maxWait{60'000};
  // Whether a scheduler started after the day's run time takes that day's snapshot at once.
  // arena-server says no: "today" then stays 404 until midnight or a proctor takes one, so a
  // snapshot always means the same moment of the day.
  bool catchUpOnStart = true;
  // Called after every attempt (from the scheduler's thread); for logs and tests.
  std::function<void(std::chrono::sys_days, const Result<storage::SnapshotOutcome>&)> onAttempt;
};

class SnapshotScheduler {
 public:
  SnapshotScheduler(LeaderboardService& service, SnapshotSchedulerOptions options = {});
  ~SnapshotScheduler();  // stops
  SnapshotScheduler(const SnapshotScheduler&) = delete;
  SnapshotScheduler& operator=(const SnapshotScheduler&) = delete;

  void start();
  // Returns once the thread has ended; safe to call twice.
  void stop();
  // Run a pass now (after the clock changed).
  void wake();

  // One pass: takes the day's snapshot if due; returns when the next pass is due. Called by the
  // thread; tests call it directly, without start().
  std::chrono::system_clock::time_point runDue();

 private:
  void loop();

  LeaderboardService& m_service;
  SnapshotSchedulerOptions m_options;

  // Owned by whoever runs passes (the thread).
  bool m_firstPass = true;
  std::optional<std::chrono::sys_days> m_done;  // the last day whose snapshot exists
  std::chrono::system_clock::time_point m_retryAt{};

  std::mutex m_mutex;
  std::condition_variable m_changed;
  bool m_stopping = false;
  bool m_woken = false;
  std::thread m_thread;
};

}  // namespace arena::server::leaderboard
