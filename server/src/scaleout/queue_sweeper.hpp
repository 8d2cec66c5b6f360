#pragma once
// Puts back on the Redis queue what Redis lost: every `interval`, each unfinished submission in
// the database is pushed again. RedisJudgeQueue::push adds only those Redis holds no entry for
// (submitted while Redis was down, or Redis restarted empty), so a sweep of jobs that are
// waiting or being judged changes nothing. Every replica may run one; the push script makes
// concurrent sweeps add each lost job once.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "scaleout/redis_judge_queue.hpp"
#include "storage/submission_repository.hpp"

namespace arena::server::scaleout {

class QueueSweeper {
 public:
  QueueSweeper(storage::SubmissionRepository& submissions, RedisJudgeQueue& queue,
               std::chrono::milliseconds interval);
  ~QueueSweeper();  // stops
  QueueSweeper(const QueueSweeper&) = delete;
  QueueSweeper& operator=(const QueueSweeper&) = delete;

  void start();
  void stop();
  // One pass now: the number of submissions that were missing from Redis and are queued again.
  Result<std::size_t> sweepOnce();

 private:
  storage::SubmissionRepository& m_submissions;
  RedisJudgeQueue& m_queue;
  std::chrono::milliseconds m_interval;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

}  // namespace arena::server::scaleout
