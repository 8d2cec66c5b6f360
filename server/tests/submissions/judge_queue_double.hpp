#pragma once
// A JudgeQueue for tests: remembers what was pushed and, at the moment of each push, whether the
// submission's row could already be read from storage (the service must commit before pushing).

#include <cstdint>
#include <mutex>
#include <optional>
#include <vector>

#include "features/judging/judge_queue.hpp"
#include "storage/submission_repository.hpp"

namespace arena::server::testing {

class RecordingJudgeQueue final : public judging::JudgeQueue {
 public:
  explicit RecordingJudgeQueue(storage::SubmissionRepository& submissions)
      : m_submissions(submissions) {}

  void push(std::int64_t submissionId) override {
    const bool stored = m_submissions.findById(submissionId).has_value();
    std::lock_guard lock(m_mutex);
    m_pushed.push_back(submissionId);
    if (!stored) m_pushedBeforeCommit.push_back(submissionId);
  }
  std::optional<judging::JudgeJob> pop(std::chrono::milliseconds) override { return std::nullopt; }
  void ack(const judging::JudgeJob&) override {}
  std::size_t depth() const override {
    std::lock_guard lock(m_mutex);
    return m_pushed.size();
  }
  void close() override {}

  std::vector<std::int64_t> pushed() const {
    std::lock_guard lock(m_mutex);
    return m_pushed;
  }
  std::vector<std::int64_t> pushedBeforeCommit() const {
    std::lock_guard lock(m_mutex);
    return m_pushedBeforeCommit;
  }

 private:
  storage::SubmissionRepository& m_submissions;
  mutable std::mutex m_mutex;
  std::vector<std::int64_t> m_pushed;
  std::vector<std::int64_t> m_pushedBeforeCommit;
};

}  // namespace arena::server::testing
