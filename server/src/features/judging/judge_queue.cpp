#include "judge_queue.hpp"

namespace arena::server::judging {

void InProcessJudgeQueue::push(std::int64_t submissionId) {
  {
    std::lock_guard lock(m_mutex);
    if (m_closed || !m_waiting.insert(submissionId).second) return;
    m_items.push_back(submissionId);
  }
  m_ready.notify_one();
}

std::optional<JudgeJob> InProcessJudgeQueue::pop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_mutex);
  if (!m_ready.wait_for(lock, timeout, [&] { return m_closed || !m_items.empty(); })) {
    return std::nullopt;
  }
  if (m_closed) return std::nullopt;
  const std::int64_t id = m_items.front();
  m_items.pop_front();
  m_waiting.erase(id);
  return JudgeJob{id, {}};
}

std::size_t InProcessJudgeQueue::depth() const {
  std::lock_guard lock(m_mutex);
  return m_items.size();
}

void InProcessJudgeQueue::close() {
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_ready.notify_all();
}

}  // namespace arena::server::judging
