#include "features/proctor/rejudge_service.hpp"

namespace arena::server::proctor {

RejudgeService::RejudgeService(storage::SubmissionRepository& submissions,
                               storage::ProblemRepository& problems, judging::JudgeQueue& queue)
    : m_submissions(submissions), m_problems(problems), m_queue(queue) {}

Result<std::size_t> RejudgeService::rejudgeSubmission(std::int64_t submissionId) {
  if (auto reset = m_submissions.resetForRejudge(submissionId); !reset) {
    return std::unexpected(reset.error());
  }
  m_queue.push(submissionId);
  return 1;
}

Result<std::size_t> RejudgeService::rejudgeProblem(std::string_view slug) {
  auto problem = m_problems.findBySlug(slug);
  if (!problem) return std::unexpected(problem.error());
  auto ids = m_submissions.resetProblemForRejudge(problem->problem.id);
  if (!ids) return std::unexpected(ids.error());
  for (const std::int64_t id : *ids) m_queue.push(id);
  return ids->size();
}

}  // namespace arena::server::proctor
