#pragma once
// Where submissions wait to be judged. The in-process queue is the embedded default; with
// ARENA_REDIS_URL a Redis Stream (scaleout/redis_judge_queue.hpp) shared by every replica and
// arena-judge worker. The database row is always committed before push(), and start-up (and, with
// Redis, a periodic sweep) pushes every unfinished submission again, so the queue itself holds
// nothing that cannot be rebuilt.
//
// Delivery is at-least-once: pop() hands out a JudgeJob, and the worker calls ack() once the
// result is recorded (or the job is given up). A job popped but never acked (its worker died)
// may be handed out again; results are idempotent per judging attempt, so it counts once.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

namespace arena::server::judging {

struct JudgeJob {
  std::int64_t submissionId = 0;
  // What ack() needs to settle this delivery (the Redis stream entry id; empty in process).
  std::string receipt;
};

class JudgeQueue {
 public:
  virtual ~JudgeQueue() = default;
  // Pushing an id that is already waiting does nothing.
  virtual void push(std::int64_t submissionId) = 0;
  // The next job, or nothing after `timeout` or once closed.
  virtual std::optional<JudgeJob> pop(std::chrono::milliseconds timeout) = 0;
  // The job is done with (judged, stale or given up): it is not handed out again.
  virtual void ack(const JudgeJob& job) = 0;
  virtual std::size_t depth() const = 0;
  // Wakes every waiting pop(); later pops return nothing at once.
  virtual void close() = 0;
};

class InProcessJudgeQueue final : public JudgeQueue {
 public:
  void push(std::int64_t submissionId) override;
  std::optional<JudgeJob> pop(std::chrono::milliseconds timeout) override;
  // Nothing to settle: a popped job lives only in its worker (start-up requeues the unfinished).
  void ack(const JudgeJob&) override {}
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
