#pragma once
// Submissions and their lifecycle: queued -> compiling -> running -> judged.
//
// Judging is at-least-once (a job whose worker died is handed out again), so result writes are
// made idempotent here: claimForJudging() bumps the submission's attempt number and hands it to
// the judge; recordResult() writes only for the current attempt of a not yet judged submission.
// A late result of an abandoned attempt, or a second delivery of the same result, changes nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/submission.hpp"
#include "storage/analytics_repository.hpp"

namespace arena::server::storage {

struct NewSubmission {
  std::int64_t userId = 0;
  std::int64_t problemId = 0;
  std::string language;
  std::string code;
  // The desktop's own id for this submission: sending it again returns the first one.
  std::optional<std::string> clientId;
  // The contest it was made in (checked by the contests feature before create()), and for an
  // offline submission accepted within the contest's grace period, its local time.
  std::optional<std::int64_t> contestId{};
  std::optional<Timestamp> clientTime{};
};

struct SubmissionRecord {
  model::Submission submission;
  std::optional<std::string> clientId;
  std::int64_t judgeAttempt = 0;
  std::optional<Timestamp> judgedAt;

  friend bool operator==(const SubmissionRecord&, const SubmissionRecord&) = default;
};

struct CreatedSubmission {
  SubmissionRecord record;
  bool created = true;  // false: an earlier submission with the same client id was returned
};

// Newest-first keyset cursor: the last item of the previous page.
struct SubmissionCursor {
  Timestamp createdAt{};
  std::int64_t id = 0;

  friend bool operator==(const SubmissionCursor&, const SubmissionCursor&) = default;
};

struct SubmissionPage {
  std::vector<SubmissionRecord> items;   // code and tests left empty: fetch one by id for those
  std::optional<SubmissionCursor> next;  // none on the last page
};

struct JudgeResult {
  model::Verdict verdict = model::Verdict::Accepted;
  std::int32_t execTimeMs = 0;
  std::int32_t memoryKb = 0;
  std::vector<model::TestResult> tests;
  Timestamp judgedAt{};
  // Written in the same transaction as the result: a crash between the two cannot leave a
  // verdict without its event (or an event for a verdict that was never stored).
  std::optional<AnalyticsEvent> event;
};

enum class RecordOutcome {
  Recorded,
  AlreadyJudged,  // a result was already written: nothing changed
  StaleAttempt,   // a newer attempt owns the submission: nothing changed
};

class SubmissionRepository {
 public:
  virtual ~SubmissionRepository() = default;

  // Writes the submission and its payload (code) in one transaction. With a client id already
  // used by this user, returns that submission unchanged (created = false).
  virtual Result<CreatedSubmission> create(const NewSubmission& submission) = 0;
  // With code and per-test results.
  virtual Result<SubmissionRecord> findById(std::int64_t id) = 0;
  // A user's submissions, newest first; `after` is the previous page's `next`.
  virtual Result<SubmissionPage> listByUser(std::int64_t userId,
                                            std::optional<SubmissionCursor> after, int limit) = 0;

  // Marks the submission compiling under a new attempt number and returns that number.
  // Conflict when it is already judged, NotFound when it does not exist.
  virtual Result<std::int64_t> claimForJudging(std::int64_t id) = 0;
  // False (and nothing changed) when `attempt` is no longer current or the submission is judged.
  virtual Result<bool> markRunning(std::int64_t id, std::int64_t attempt) = 0;
  virtual Result<RecordOutcome> recordResult(std::int64_t id, std::int64_t attempt,
                                             const JudgeResult& result) = 0;

  // Submissions left queued, compiling or running (to queue again at start-up), oldest first,
  // without code.
  virtual Result<std::vector<SubmissionRecord>> listUnfinished() = 0;

  // Rejudge: back to queued with no verdict, time, memory or per-test results, under a new
  // attempt number, so a result still on its way for the old attempt is dropped as stale.
  // NotFound for an unknown id. The caller pushes the id to the JudgeQueue after this commits.
  virtual Result<void> resetForRejudge(std::int64_t id) = 0;
  // The same for every submission of a problem, in one transaction; their ids, oldest first.
  virtual Result<std::vector<std::int64_t>> resetProblemForRejudge(std::int64_t problemId) = 0;
};

}  // namespace arena::server::storage
