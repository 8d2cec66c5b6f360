#include "scaleout/queue_sweeper.hpp"

#include "http/json_log.hpp"

namespace arena::server::scaleout {

QueueSweeper::QueueSweeper(storage::SubmissionRepository& submissions, RedisJudgeQueue& queue,
                           std::chrono::milliseconds interval)
    : m_submissions(submissions), m_queue(queue), m_interval(interval) {}

QueueSweeper::~QueueSweeper() { stop(); }

Result<std::size_t> QueueSweeper::sweepOnce() {
  auto unfinished = m_submissions.listUnfinished();
  if (!unfinished) return std::unexpected(unfinished.error());
  std::size_t requeued = 0;
  for (const auto& record : *unfinished) {
    auto pushed = m_queue.tryPush(record.submission.id);
    if (!pushed) return std::unexpected(pushed.error());  // Redis still away: next pass
    if (*pushed) ++requeued;
  }
  return requeued;
}

void QueueSweeper::start() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = false;
  }
  m_thread = std::thread([this] {
    std::unique_lock lock(m_mutex);
    while (!m_wake.wait_for(lock, m_interval, [&] { return m_stopping; })) {
      lock.unlock();
      auto swept = sweepOnce();
      if (!swept) {
        http::logJsonLine({{"level", "warn"},
                           {"event", "queue_sweep_failed"},
                           {"component", "queue_sweeper"},
                           {"message", swept.error().message}});
      } else if (*swept > 0) {
        http::logJsonLine({{"level", "info"},
                           {"event", "queue_sweep_requeued"},
                           {"component", "queue_sweeper"},
                           {"submissions", *swept}});
      }
      lock.lock();
    }
  });
}

void QueueSweeper::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

}  // namespace arena::server::scaleout
