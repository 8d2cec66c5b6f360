#pragma once
// Submissions as the API offers them: submit (or run in the playground), read one, page through
// a user's. Plain values in, JSON out, so the routes stay a thin layer and tests need no HTTP.
//
// Theory of operation
//   submit: decode and check the body -> check the language and the problem (inactive problems
//   are hidden from contestants, so they get the same 404 as for a missing one) -> create the row
//   (committed when create() returns) -> push its id to the JudgeQueue -> record an analytics
//   event. The order matters: a judge that pops the id must find the row. If the process dies
//   between commit and push, start-up pushes every unfinished submission again.
//   A client id seen before returns the first submission (200 instead of 202); if that one is
//   still unfinished it is pushed again, which the queue ignores while the id waits there.
//   A body with "stdin" is a playground run: the runner compiles and runs the code once with the
//   problem's limits (or the defaults) and nothing is stored.
//
//   Reading is private: another user's submission answers 404, as if it did not exist, so ids
//   cannot be probed. Proctors read and list everyone's.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/problem.hpp"
#include "features/judging/judge_queue.hpp"
#include "features/judging/playground.hpp"
#include "features/submissions/language_info.hpp"
#include "features/submissions/submit_request.hpp"
#include "http/request.hpp"
#include "storage/analytics_repository.hpp"
#include "storage/problem_repository.hpp"
#include "storage/submission_repository.hpp"

namespace arena::server::submissions {

// What a contest submission is stored with (contests::ContestService::admit decides).
struct ContestAdmission {
  std::int64_t contestId = 0;
  std::optional<Timestamp> clientTime;  // set: an offline submission accepted at its local time
};
// Checks a submission to a contest: caller, contest id, problem id, client time, peer address.
using ContestGate = std::function<Result<ContestAdmission>(
    const http::Principal&, std::int64_t, std::int64_t, std::optional<Timestamp>, std::string_view)>;

// Runs a playground request; judging::Playground::run in production.
using PlaygroundRunner =
    std::function<Result<judging::PlaygroundResult>(const judging::PlaygroundRequest&)>;

struct SubmissionServiceOptions {
  SubmissionLimits limits;
  model::Limits defaultPlaygroundLimits;  // a playground run without a problem
  std::function<Timestamp()> now;         // for analytics; the system clock when empty
  ContestGate contestGate;                // unset: submissions with a contest_id are refused
};

// What submit() answers: 202 for a new submission, 200 for a repeat or a playground run.
struct SubmitOutcome {
  int status = 202;
  nlohmann::json body;
};

// GET /api/submissions query parameters, as received (validated by list()).
struct ListQuery {
  std::optional<std::string> userId;  // proctors only, unless it is the caller's own id
  std::optional<std::string> limit;   // 1..100, default 20
  std::optional<std::string> cursor;  // next_cursor of the previous page
};

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

class SubmissionService {
 public:
  SubmissionService(storage::SubmissionRepository& submissions,
                    storage::ProblemRepository& problems, storage::AnalyticsRepository& analytics,
                    judging::JudgeQueue& queue, PlaygroundRunner playground,
                    std::vector<LanguageInfo> languages, SubmissionServiceOptions options = {});

  // `clientAddress` (the peer) matters only to contests locked to an address range.
  Result<SubmitOutcome> submit(const http::Principal& caller, const nlohmann::json& body,
                               std::string_view clientAddress = {});
  // The full submission (code and per-test results); NotFound unless the caller owns it or is a
  // proctor.
  Result<nlohmann::json> get(const http::Principal& caller, std::int64_t id);
  // {"submissions":[...], "next_cursor": "..."|null}; items without code and tests.
  Result<nlohmann::json> list(const http::Principal& caller, const ListQuery& query);
  // {"languages":[{id, name, extensions}]}
  nlohmann::json languages() const;

  const SubmissionLimits& limits() const { return m_options.limits; }

 private:
  // The language's stored id, or InvalidArgument naming it and listing the known ones.
  Result<std::string> resolveLanguage(std::string_view language) const;
  // The problem if this caller may submit to it; NotFound otherwise.
  Result<model::Problem> visibleProblem(const http::Principal& caller, std::int64_t problemId);
  Result<SubmitOutcome> runPlayground(const http::Principal& caller, const SubmitRequest& request,
                                      std::string language);
  void recordSubmitted(const http::Principal& caller, const model::Submission& submission);

  storage::SubmissionRepository& m_submissions;
  storage::ProblemRepository& m_problems;
  storage::AnalyticsRepository& m_analytics;
  judging::JudgeQueue& m_queue;
  PlaygroundRunner m_playground;
  std::vector<LanguageInfo> m_languages;
  SubmissionServiceOptions m_options;
};

}  // namespace arena::server::submissions
