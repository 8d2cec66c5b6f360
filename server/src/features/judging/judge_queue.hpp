#pragma once
// Where submissions wait to be judged. The in-process queue is the embedded default; a Redis
// Stream implementation arrives with scale-out. The database row is always committed before
// push(), and start-up pushes every unfinished submission again, so the queue itself holds
// nothing that cannot be rebuilt.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <unordered_set>

namespace arena::server::judging {

class JudgeQueue {
 public:
  virtual ~JudgeQueue() = default;
  // Pushing an id that is already waiting does nothing.
  virtual void push(std::int64_t submissionId) = 0;
  // The next id, or nothing after `timeout` or once closed.
  virtual std::optional<std::int64_t> pop(std::chrono::milliseconds timeout) = 0;
  virtual std::size_t depth() const = 0;
  // Wakes every waiting pop(); later pops return nothing at once.
  virtual void close() = 0;
};

class InProcessJudgeQueue final : public JudgeQueue {
 public:
  void push(std::int64_t submissionId) override;
  std::optional<std::int64_t> pop(std::chrono::milliseconds timeout) override;
  std::size_t depth() const override;
  void close() override;

 private:
  mutable std::mutex m_mutex;
  std::condition_variable m_ready;
  std::deque<std::int64_t> m_items;
  std::unordered_set<std::int64_t> m_waiting;
  bool m_closed = false;
};

}  // namespace arena::server::judging
