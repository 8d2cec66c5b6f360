#pragma once
// A wall clock that only moves when a test moves it; safe to read from another thread.

#include <chrono>
#include <mutex>

namespace arena::server::testing {

class FakeWallClock {
 public:
  using time_point = std::chrono::system_clock::time_point;

  explicit FakeWallClock(time_point start) : m_now(start) {}

  time_point now() const {
    std::lock_guard lock(m_mutex);
    return m_now;
  }
  void set(time_point now) {
    std::lock_guard lock(m_mutex);
    m_now = now;
  }
  void advance(std::chrono::system_clock::duration by) {
    std::lock_guard lock(m_mutex);
    m_now += by;
  }
  // For the services' std::function clocks.
  auto function() {
    return [this] { return now(); };
  }

 private:
  mutable std::mutex m_mutex;
  time_point m_now;
};

// 2026-11-26 at the given UTC time of day.
inline std::chrono::system_clock::time_point nov26(std::chrono::system_clock::duration timeOfDay) {
  using namespace std::chrono;
  return sys_days{year{2026} / November / 26} + timeOfDay;
}

}  // namespace arena::server::testing
