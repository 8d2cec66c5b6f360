// Theory of operation
//
// Each worker thread loops: pop an id (with a timeout, so stop() is noticed), judge it, repeat.
// Judging one submission is: find it; claim it (a new attempt number; Conflict means someone
// already judged it); get its problem's package and its language; run the judge, reporting
// progress; record the result for this attempt. Only the attempt that is current when the
// result arrives is written, so a submission judged twice (a requeue at start-up racing a
// queue entry, a retry after a failure) is recorded and counted once.
//
// The judge failing to judge (a Result error from Judge::judge: the sandbox or the disk, not
// the program) is not a verdict. The submission is left unfinished, and the worker puts it back
// on the queue after a growing delay; after maxJudgeFailures failures in a row it is recorded
// JE, so a broken judge host cannot keep a submission pending forever. Storage failures are
// retried the same way but never recorded (there is nowhere to record them); start-up requeues
// whatever is still unfinished.
//
// Nothing thrown inside (a listener, std::bad_alloc) leaves a worker thread: judgeOne is
// wrapped, the failure logged and counted as an error.

#include "judge_workers.hpp"

#include <algorithm>
#include <exception>

#include <nlohmann/json.hpp>

#include "arena/model/enum_names.hpp"
#include "http/json_log.hpp"

namespace arena::server::judging {

namespace {

constexpr const char* kRunsMetric = "arena_judge_runs_total";
constexpr const char* kVerdictsMetric = "arena_verdicts_total";

std::string verdictName(model::Verdict verdict) { return std::string{model::enumName(verdict)}; }

void logEvent(const std::string& event, std::int64_t submissionId, const std::string& message) {
  http::logJsonLine({{"event", event},
                     {"component", "judge_workers"},
                     {"submission_id", submissionId},
                     {"message", message}});
}

Timestamp nowMs() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

std::int32_t clampToInt32(std::int64_t value) {
  return static_cast<std::int32_t>(std::clamp<std::int64_t>(value, 0, INT32_MAX));
}

storage::JudgeResult resultOf(const judge::JudgeReport& report) {
  storage::JudgeResult result;
  result.verdict = report.verdict;
  result.execTimeMs = clampToInt32(report.maxTimeMs);
  result.memoryKb = clampToInt32(report.maxMemoryKb);
  result.judgedAt = nowMs();
  for (std::size_t i = 0; i < report.tests.size(); ++i) {
    const judge::TestResult& test = report.tests[i];
    result.tests.push_back({static_cast<std::int32_t>(i + 1), test.verdict,
                            clampToInt32(test.timeMs), clampToInt32(test.memoryKb)});
  }
  return result;
}

storage::JudgeResult verdictOnly(model::Verdict verdict) {
  storage::JudgeResult result;
  result.verdict = verdict;
  result.judgedAt = nowMs();
  return result;
}

}  // namespace

JudgeWorkers::JudgeWorkers(storage::Storage& storage, PackageStore& packages, JudgeQueue& queue,
                           judge::Judge& judge, const judge::LanguageTable& languages,
                           http::Metrics& metrics, JudgeListener listener,
                           JudgeWorkerOptions options)
    : m_storage(storage),
      m_packages(packages),
      m_queue(queue),
      m_judge(judge),
      m_languages(languages),
      m_metrics(metrics),
      m_listener(std::move(listener)),
      m_options(std::move(options)) {
  m_metrics.describe(kRunsMetric,
                     "Judging runs by outcome: recorded, stale (already judged or a newer "
                     "attempt), error (nothing recorded this time)",
                     http::MetricType::Counter);
  m_metrics.describe(kVerdictsMetric, "Recorded verdicts of judged submissions",
                     http::MetricType::Counter);
}

JudgeWorkers::~JudgeWorkers() { stop(); }

Result<std::size_t> JudgeWorkers::requeueUnfinished() {
  auto unfinished = m_storage.submissions().listUnfinished();
  if (!unfinished) return std::unexpected(unfinished.error());
  for (const auto& record : *unfinished) m_queue.push(record.submission.id);
  return unfinished->size();
}

void JudgeWorkers::start(int workers) {
  m_stopping = false;
  // Counted as live from here, so /healthz is ready as soon as start() returns.
  m_live += workers;
  for (int i = 0; i < workers; ++i) m_threads.emplace_back([this] { loop(); });
}

void JudgeWorkers::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  for (auto& thread : m_threads) {
    if (thread.joinable()) thread.join();
  }
  m_threads.clear();
}

int JudgeWorkers::running() const { return m_live.load(); }

bool JudgeWorkers::pause(std::chrono::milliseconds delay) {
  std::unique_lock lock(m_mutex);
  return !m_wake.wait_for(lock, delay, [&] { return m_stopping.load(); });
}

void JudgeWorkers::loop() {
  while (!m_stopping) {
    const auto began = std::chrono::steady_clock::now();
    const std::optional<JudgeJob> job = m_queue.pop(m_options.popTimeout);
    if (!job) {
      // A closed queue answers at once: do not spin on it.
      if (std::chrono::steady_clock::now() - began < m_options.popTimeout / 2) {
        pause(m_options.popTimeout);
      }
      continue;
    }
    try {
      judgeOne(*job);
    } catch (const std::exception& e) {
      count(Outcome::Error);
      logEvent("judge_exception", job->submissionId, e.what());
    } catch (...) {
      count(Outcome::Error);
      logEvent("judge_exception", job->submissionId, "unknown exception");
    }
    // Done with this delivery whatever happened: a retry is a new push (retryLater), and what is
    // left unfinished is pushed again from the database (start-up, the Redis sweep).
    m_queue.ack(*job);
  }
  --m_live;
}

void JudgeWorkers::count(Outcome outcome) {
  const char* label = outcome == Outcome::Recorded ? "recorded"
                      : outcome == Outcome::Stale  ? "stale"
                                                   : "error";
  m_metrics.increment(kRunsMetric, {{"outcome", label}});
}

void JudgeWorkers::emit(const JudgeEvent& event) {
  if (!m_listener) return;
  // A listener's failure must not cost the judgement.
  try {
    m_listener(event);
  } catch (const std::exception& e) {
    logEvent("judge_listener_failed", event.submissionId, e.what());
  } catch (...) {
    logEvent("judge_listener_failed", event.submissionId, "unknown exception");
  }
}

void JudgeWorkers::judgeOne(const JudgeJob& job) {
  const std::int64_t submissionId = job.submissionId;
  auto found = m_storage.submissions().findById(submissionId);
  if (!found) {
    if (found.error().code == ErrorCode::NotFound) {
      count(Outcome::Error);
      logEvent("judge_unknown_submission", submissionId, found.error().message);
      return;
    }
    retryLater(job, {}, 0, found.error().message);
    return;
  }
  auto attempt = m_storage.submissions().claimForJudging(submissionId);
  if (!attempt) {
    if (attempt.error().code == ErrorCode::Conflict ||
        attempt.error().code == ErrorCode::NotFound) {
      count(Outcome::Stale);
      const model::Submission& done = found->submission;
      if (m_options.announceJudgedAgain && done.verdict) {
        JudgeEvent judged;
        judged.stage = JudgeEvent::Stage::Judged;
        judged.submissionId = done.id;
        judged.userId = done.userId;
        judged.problemId = done.problemId;
        judged.verdict = done.verdict;
        judged.timeMs = done.execTimeMs;
        judged.memoryKb = done.memoryKb;
        emit(judged);
      }
      return;
    }
    retryLater(job, *found, 0, attempt.error().message);
    return;
  }
  const auto outcome = judgeClaimed(*found, *attempt);
  if (const auto* failure = std::get_if<Failure>(&outcome)) {
    retryLater(job, *found, *attempt, failure->reason);
    return;
  }
  std::lock_guard lock(m_mutex);
  m_failures.erase(submissionId);  // counted by recordAndAnnounce
}

std::variant<JudgeWorkers::Outcome, JudgeWorkers::Failure> JudgeWorkers::judgeClaimed(
    const storage::SubmissionRecord& record, std::int64_t attempt) {
  const model::Submission& submission = record.submission;
  JudgeEvent base;
  base.submissionId = submission.id;
  base.userId = submission.userId;
  base.problemId = submission.problemId;
  emit(base);  // Compiling

  auto package = m_packages.packageFor(submission.problemId);
  if (!package) {
    const ErrorCode code = package.error().code;
    if (code != ErrorCode::InvalidArgument && code != ErrorCode::NotFound) {
      return Failure{"problem package: " + package.error().message};
    }
    // A package the judge cannot read is the problem's fault: JE, never the contestant's.
    logEvent("judge_package_unreadable", submission.id, package.error().message);
    return recordAndAnnounce(record, attempt, verdictOnly(model::Verdict::JudgeError));
  }
  const judge::Language* language = m_languages.find(submission.language);
  if (language == nullptr || !language->available) {
    logEvent("judge_language_unavailable", submission.id,
             "language '" + submission.language + "' is not available on this judge");
    return recordAndAnnounce(record, attempt, verdictOnly(model::Verdict::CompileError));
  }

  judge::JudgeOptions options = m_options.judge;
  if (!(*package)->limits.timeLimitMs && !options.timeLimitMs) {
    // An installed package that leaves the limit to be inferred: the problem row has it.
    auto problem = m_storage.problems().findById(submission.problemId);
    if (!problem) return Failure{"problem: " + problem.error().message};
    options.timeLimitMs = problem->problem.limits.timeLimitMs;
  }

  bool markedRunning = false;
  const auto progress = [&](const judge::JudgeProgress& step) {
    JudgeEvent event = base;
    event.test = static_cast<std::int32_t>(step.test);
    event.total = static_cast<std::int32_t>(step.total);
    switch (step.stage) {
      case judge::JudgeProgress::Stage::Compiling: return;  // already told
      case judge::JudgeProgress::Stage::Running:
        if (!markedRunning) {
          markedRunning = true;
          if (auto marked = m_storage.submissions().markRunning(submission.id, attempt); !marked) {
            logEvent("judge_mark_running_failed", submission.id, marked.error().message);
          }
        }
        event.stage = JudgeEvent::Stage::Running;
        break;
      case judge::JudgeProgress::Stage::TestFinished:
        event.stage = JudgeEvent::Stage::TestFinished;
        if (step.result != nullptr) {
          event.verdict = step.result->verdict;
          event.timeMs = clampToInt32(step.result->timeMs);
          event.memoryKb = clampToInt32(step.result->memoryKb);
        }
        break;
    }
    emit(event);
  };
  auto report = m_judge.judge(**package, *language, {{language->sourceFile, submission.code}},
                              options, progress);
  if (!report) return Failure{"judge: " + report.error().message};
  return recordAndAnnounce(record, attempt, resultOf(*report));
}

std::variant<JudgeWorkers::Outcome, JudgeWorkers::Failure> JudgeWorkers::recordAndAnnounce(
    const storage::SubmissionRecord& record, std::int64_t attempt,
    const storage::JudgeResult& result) {
  const model::Submission& submission = record.submission;
  storage::JudgeResult withEvent = result;
  withEvent.event = storage::AnalyticsEvent{
      .type = "verdict",
      .occurredAt = result.judgedAt,
      .userId = submission.userId,
      .metadata = {{"submission_id", submission.id},
                   {"problem_id", submission.problemId},
                   {"verdict", verdictName(result.verdict)},
                   {"time_ms", result.execTimeMs},
                   {"memory_kb", result.memoryKb}}};
  auto recorded = m_storage.submissions().recordResult(submission.id, attempt, withEvent);
  if (!recorded) return Failure{"recording the result: " + recorded.error().message};
  // Counted before anyone is told, so a listener reacting to Judged sees the metrics too.
  if (*recorded != storage::RecordOutcome::Recorded) {
    count(Outcome::Stale);
    return Outcome::Stale;
  }
  count(Outcome::Recorded);

  m_metrics.increment(kVerdictsMetric, {{"verdict", verdictName(result.verdict)}});
  JudgeEvent judged;
  judged.stage = JudgeEvent::Stage::Judged;
  judged.submissionId = submission.id;
  judged.userId = submission.userId;
  judged.problemId = submission.problemId;
  judged.test = static_cast<std::int32_t>(result.tests.size());
  judged.total = static_cast<std::int32_t>(result.tests.size());
  judged.verdict = result.verdict;
  judged.timeMs = result.execTimeMs;
  judged.memoryKb = result.memoryKb;
  emit(judged);
  return Outcome::Recorded;
}

void JudgeWorkers::retryLater(const JudgeJob& job,
                              const std::optional<storage::SubmissionRecord>& record,
                              std::int64_t attempt, const std::string& reason) {
  const std::int64_t submissionId = job.submissionId;
  int failures = 0;
  {
    std::lock_guard lock(m_mutex);
    failures = ++m_failures[submissionId];
    if (failures >= m_options.maxJudgeFailures) m_failures.erase(submissionId);
  }
  logEvent("judge_failed", submissionId,
           reason + " (failure " + std::to_string(failures) + " of " +
               std::to_string(m_options.maxJudgeFailures) + ")");
  if (failures >= m_options.maxJudgeFailures) {
    if (record && attempt > 0) {
      const auto outcome =
          recordAndAnnounce(*record, attempt, verdictOnly(model::Verdict::JudgeError));
      if (std::holds_alternative<Outcome>(outcome)) return;  // counted there
    }
    count(Outcome::Error);
    logEvent("judge_gave_up", submissionId, "left unfinished for the next start-up");
    return;
  }
  count(Outcome::Error);
  const auto delay = m_options.retryDelay * (1 << std::min(failures - 1, 10));
  if (!pause(delay)) return;
  // Settle this delivery before the new push: a queue that ignores ids already waiting (Redis
  // keeps one entry per submission) would otherwise drop the retry.
  m_queue.ack(job);
  m_queue.push(submissionId);
}

}  // namespace arena::server::judging
