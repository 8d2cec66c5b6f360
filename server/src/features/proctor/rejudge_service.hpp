#pragma once
// Rejudging: a proctor fixed a test case or a checker, or suspects a judge, and wants verdicts
// computed again. The rows go back to queued under a new judge attempt (SubmissionRepository::
// resetForRejudge), which makes any result still on its way for the old attempt stale, then the
// ids are pushed to the JudgeQueue; workers judge them as usual and the usual submission.*
// events follow. The reset commits before the push, as for a new submission: a crash between the
// two leaves queued rows that start-up (or the Redis sweeper) pushes again.

#include <cstdint>
#include <string_view>

#include "arena/core/error.hpp"
#include "features/judging/judge_queue.hpp"
#include "storage/problem_repository.hpp"
#include "storage/submission_repository.hpp"

namespace arena::server::proctor {

class RejudgeService {
 public:
  RejudgeService(storage::SubmissionRepository& submissions, storage::ProblemRepository& problems,
                 judging::JudgeQueue& queue);

  // 1, or NotFound for an unknown submission.
  Result<std::size_t> rejudgeSubmission(std::int64_t submissionId);
  // How many submissions of the problem were queued again (0 is fine); NotFound for an unknown
  // slug. Inactive problems may be rejudged too.
  Result<std::size_t> rejudgeProblem(std::string_view slug);

 private:
  storage::SubmissionRepository& m_submissions;
  storage::ProblemRepository& m_problems;
  judging::JudgeQueue& m_queue;
};

}  // namespace arena::server::proctor
