#pragma once
// Judge workers: threads that take submission ids from the JudgeQueue, claim the
// submission (a new judging attempt), judge it with arena_judge against its problem's package,
// and record the result for that attempt. Recording is idempotent per attempt (see
// SubmissionRepository), so a submission delivered twice is counted once. Each job is acked once
// its worker is done with it; the same class runs inside arena-server (in-process queue) and in
// arena-judge (Redis queue).
//
// What is recorded:
//   the judge's report            its verdict, slowest test time, largest memory, per-test
//                                 results (index = 1-based position in the judging order)
//   unknown or unavailable        CE (no tests). Submissions are only accepted for languages of
//     language                    the table, so this means the table changed under a queued
//                                 submission; the contestant's next submission in a language
//                                 that exists is unaffected, and CE does not count as a try.
//   unreadable problem package    JE (the package's fault, never the contestant's)
//   judge could not run at all    nothing: the submission stays unfinished and is queued again
//     (sandbox down, disk full),  after a delay; after maxJudgeFailures such failures in a row
//     storage unavailable         it is recorded JE (storage failures are never recorded: the
//                                 next start-up requeues it).
//
// Metrics (described at construction):
//   arena_judge_runs_total{outcome="recorded"|"stale"|"error"}  stale: the submission was
//       already judged or a newer attempt owned it; error: nothing was recorded this time
//   arena_verdicts_total{verdict="AC"|...}                       recorded verdicts
// Analytics: one "verdict" event per recorded result: {submission_id, problem_id, verdict,
// time_ms, memory_kb}, for the submission's user, written in the result's own transaction.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/judge/judge.hpp"
#include "http/metrics.hpp"
#include "judge_events.hpp"
#include "judge_queue.hpp"
#include "package_store.hpp"
#include "storage/storage.hpp"

namespace arena::server::judging {

struct JudgeWorkerOptions {
  // How long a worker waits in pop() before it looks at the stop flag again.
  std::chrono::milliseconds popTimeout{200};
  // Judging that failed without a verdict is retried after retryDelay, doubling each time,
  // up to maxJudgeFailures attempts in a row; then the submission is recorded JE.
  std::chrono::milliseconds retryDelay{2000};
  int maxJudgeFailures = 3;
  // A delivery of a submission already judged announces its verdict again (Judged event, no
  // new record, no analytics). arena-judge turns it on: a worker killed between recording and
  // announcing leaves its job unacked, and the reclaimed job is then the only way the verdict
  // still reaches the submitter's screen.
  bool announceJudgedAgain = false;
  // Defaults the package does not decide (the problem row's time limit is used when the
  // package has none).
  judge::JudgeOptions judge;
};

class JudgeWorkers {
 public:
  JudgeWorkers(storage::Storage& storage, PackageStore& packages, JudgeQueue& queue,
               judge::Judge& judge, const judge::LanguageTable& languages, http::Metrics& metrics,
               JudgeListener listener = {}, JudgeWorkerOptions options = {});
  ~JudgeWorkers();  // stops
  JudgeWorkers(const JudgeWorkers&) = delete;
  JudgeWorkers& operator=(const JudgeWorkers&) = delete;

  // Pushes every submission left queued, compiling or running (a restart), oldest first.
  Result<std::size_t> requeueUnfinished();
  void start(int workers);
  // Lets running judgements finish, then joins. Waiting retries are abandoned (their
  // submissions stay unfinished for the next requeueUnfinished()).
  void stop();
  // Worker threads alive now.
  int running() const;

 private:
  enum class Outcome { Recorded, Stale, Error };
  // A failure that produced no verdict: retry later, or give up with JE.
  struct Failure {
    std::string reason;
  };

  void loop();
  void judgeOne(const JudgeJob& job);
  // Returns the outcome, or a Failure when judging could not happen this time.
  std::variant<Outcome, Failure> judgeClaimed(const storage::SubmissionRecord& submission,
                                              std::int64_t attempt);
  // Records `result` for the attempt and, when it was written, tells metrics and
  // the listener.
  std::variant<Outcome, Failure> recordAndAnnounce(const storage::SubmissionRecord& submission,
                                                   std::int64_t attempt,
                                                   const storage::JudgeResult& result);
  // Counts a failure of the submission: queues it again after a delay (settling `job` first), or,
  // after maxJudgeFailures in a row, records JE for `attempt` (when one was claimed).
  void retryLater(const JudgeJob& job,
                  const std::optional<storage::SubmissionRecord>& submission, std::int64_t attempt,
                  const std::string& reason);
  void count(Outcome outcome);
  void emit(const JudgeEvent& event);
  // Sleeps up to `delay`; false when stop() was called meanwhile.
  bool pause(std::chrono::milliseconds delay);

  storage::Storage& m_storage;
  PackageStore& m_packages;
  JudgeQueue& m_queue;
  judge::Judge& m_judge;
  const judge::LanguageTable& m_languages;
  http::Metrics& m_metrics;
  JudgeListener m_listener;
  JudgeWorkerOptions m_options;
  std::atomic<bool> m_stopping{false};
  std::atomic<int> m_live{0};
  std::vector<std::thread> m_threads;

  std::mutex m_mutex;
  std::condition_variable m_wake;          // stop() wakes pause()
  std::map<std::int64_t, int> m_failures;  // consecutive failed judgings by submission
};

}  // namespace arena::server::judging
