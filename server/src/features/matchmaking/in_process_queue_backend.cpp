#include "features/matchmaking/in_process_queue_backend.hpp"

namespace arena::server::matchmaking {

Result<bool> InProcessQueueBackend::enqueue(std::int64_t userId, std::int32_t rating,
                                            Timestamp now) {
  const std::lock_guard lock(m_mutex);
  if (m_claimed.contains(userId))
    return fail(ErrorCode::Conflict, "a match is being made for you: dequeue to collect it");
  return m_queue.enqueue(userId, rating, now);
}

Result<bool> InProcessQueueBackend::remove(std::int64_t userId) {
  const std::lock_guard lock(m_mutex);
  return m_queue.remove(userId);
}

Result<QueueState> InProcessQueueBackend::state(std::int64_t userId) {
  const std::lock_guard lock(m_mutex);
  if (m_claimed.contains(userId)) return QueueState::BeingMatched;
  return m_queue.find(userId) ? QueueState::Waiting : QueueState::Absent;
}

Result<std::optional<QueueEntry>> InProcessQueueBackend::find(std::int64_t userId) {
  const std::lock_guard lock(m_mutex);
  return m_queue.find(userId);
}

Result<std::size_t> InProcessQueueBackend::size() {
  const std::lock_guard lock(m_mutex);
  return m_queue.size();
}

Result<std::vector<Pairing>> InProcessQueueBackend::claimRound(Timestamp now) {
  const std::lock_guard lock(m_mutex);
  std::vector<Pairing> pairs = m_queue.pairRound(now);
  for (const Pairing& pair : pairs) {
    m_claimed.insert_or_assign(pair.first.userId, pair.first);
    m_claimed.insert_or_assign(pair.second.userId, pair.second);
  }
  return pairs;
}

Result<void> InProcessQueueBackend::release(std::int64_t userId) {
  const std::lock_guard lock(m_mutex);
  m_claimed.erase(userId);
  return {};
}

Result<void> InProcessQueueBackend::restore(const QueueEntry& entry) {
  const std::lock_guard lock(m_mutex);
  // Only a claim goes back: a player whose claim already ended is not resurrected.
  if (m_claimed.erase(entry.userId) > 0) m_queue.restore(entry);
  return {};
}

Result<std::vector<QueueEntry>> InProcessQueueBackend::abandonedClaims(Timestamp) {
  return std::vector<QueueEntry>{};
}

}  // namespace arena::server::matchmaking
