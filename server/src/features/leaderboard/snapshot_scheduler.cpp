#include "features/leaderboard/snapshot_scheduler.hpp"

#include <algorithm>
#include <utility>

namespace arena::server::leaderboard {

SnapshotScheduler::SnapshotScheduler(LeaderboardService& service, SnapshotSchedulerOptions options)
    : m_service(service), m_options(std::move(options)) {
  if (!m_options.now) m_options.now = [] { return std::chrono::system_clock::now(); };
}

SnapshotScheduler::~SnapshotScheduler() { stop(); }

void SnapshotScheduler::start() {
  std::lock_guard lock(m_mutex);
  if (m_thread.joinable()) return;
  m_stopping = false;
  m_thread = std::thread([this] { loop(); });
}

void SnapshotScheduler::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void SnapshotScheduler::wake() {
  {
    std::lock_guard lock(m_mutex);
    m_woken = true;
  }
  m_changed.notify_all();
}

std::chrono::system_clock::time_point SnapshotScheduler::runDue() {
  using namespace std::chrono;
  const auto now = m_options.now();
  const sys_days today = floor<days>(now);
  const auto tomorrowsRun = today + days{1} + m_options.delayAfterMidnight;
  if (m_done == today) return tomorrowsRun;
  if (now < m_retryAt) return m_retryAt;
  const auto todaysRun = today + m_options.delayAfterMidnight;
  if (m_firstPass && !m_options.catchUpOnStart) {
    m_firstPass = false;
    if (now < todaysRun) return todaysRun;
    m_done = today;  // started after today's run: the next one is tomorrow's
    return tomorrowsRun;
  }
  if (!m_firstPass && now < todaysRun) return todaysRun;
  m_firstPass = false;

  auto outcome = m_service.takeSnapshot(today);
  if (m_options.onAttempt) m_options.onAttempt(today, outcome);
  if (!outcome) {
    m_retryAt = now + m_options.retryAfter;
    return m_retryAt;
  }
  m_done = today;
  return tomorrowsRun;
}

void SnapshotScheduler::loop() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    m_woken = false;
    lock.unlock();
    const auto next = runDue();
    const auto untilNext =
        std::chrono::duration_cast<std::chrono::milliseconds>(next - m_options.now());
    lock.lock();
    const auto wait = std::clamp(untilNext, std::chrono::milliseconds{0}, m_options.maxWait);
    m_changed.wait_until(lock, std::chrono::steady_clock::now() + wait,
                         [this] { return m_stopping || m_woken; });
  }
}

}  // namespace arena::server::leaderboard
