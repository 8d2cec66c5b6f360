#include "features/submissions/submission_service.hpp"

#include <charconv>
#include <limits>
#include <utility>

#include "arena/protocol/json_codecs.hpp"
#include "features/submissions/submission_cursor.hpp"

namespace arena::server::submissions {

namespace {

// A whole decimal number in [min, max], or nothing.
std::optional<std::int64_t> parseInteger(std::string_view text, std::int64_t min,
                                         std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

// What POST answers for a stored submission: the contract's short shape, no code.
nlohmann::json submittedBody(const model::Submission& submission) {
  const auto full = protocol::toJson(submission);
  return {{"id", submission.id},
          {"status", full.at("status")},
          {"verdict", full.at("verdict")},
          {"exec_time_ms", submission.execTimeMs},
          {"memory_kb", submission.memoryKb}};
}

nlohmann::json playgroundBody(const judging::PlaygroundResult& result) {
  return {{"id", nullptr},
          {"status", result.status},
          {"exec_time_ms", result.timeMs},
          {"memory_kb", result.memoryKb},
          {"stdout", result.stdoutData},
          {"stderr", result.stderrData},
          {"compile_output", result.compileOutput},
          {"exit_code", result.exitCode}};
}

Timestamp systemNow() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace

SubmissionService::SubmissionService(storage::SubmissionRepository& submissions,
                                     storage::ProblemRepository& problems,
                                     storage::AnalyticsRepository& analytics,
                                     judging::JudgeQueue& queue, PlaygroundRunner playground,
                                     std::vector<LanguageInfo> languages,
                                     SubmissionServiceOptions options)
    : m_submissions(submissions),
      m_problems(problems),
      m_analytics(analytics),
      m_queue(queue),
      m_playground(std::move(playground)),
      m_languages(std::move(languages)),
      m_options(std::move(options)) {
  if (!m_options.now) m_options.now = systemNow;
}

Result<SubmitOutcome> SubmissionService::submit(const http::Principal& caller,
                                                const nlohmann::json& body,
                                                std::string_view clientAddress) {
  auto request = parseSubmitRequest(body, m_options.limits);
  if (!request) return std::unexpected(request.error());
  auto language = resolveLanguage(request->language);
  if (!language) return std::unexpected(language.error());
  if (request->isPlayground()) return runPlayground(caller, *request, std::move(*language));

  auto problem = visibleProblem(caller, *request->problemId);
  if (!problem) return std::unexpected(problem.error());

  std::optional<ContestAdmission> admission;
  if (request->contestId) {
    if (!m_options.contestGate)
      return fail(ErrorCode::Unavailable, "contests are not available on this server");
    auto admitted = m_options.contestGate(caller, *request->contestId, problem->id,
                                          request->clientTime, clientAddress);
    if (!admitted) return std::unexpected(admitted.error());
    admission = *admitted;
  }

  auto created = m_submissions.create(
      {caller.userId, problem->id, std::move(*language), std::move(request->code),
       std::move(request->clientId), admission ? std::optional(admission->contestId) : std::nullopt,
       admission ? admission->clientTime : std::nullopt});
  if (!created) return std::unexpected(created.error());
  const auto& submission = created->record.submission;

  // The row is committed: a judge popping this id will find it.
  if (created->created) {
    m_queue.push(submission.id);
    recordSubmitted(caller, submission);
    auto answer = submittedBody(submission);
    if (admission) {
      answer["contest_id"] = admission->contestId;
      // The mark of an offline submission accepted after the end at its local time.
      answer["offline"] = admission->clientTime.has_value();
    }
    return SubmitOutcome{202, std::move(answer)};
  }
  // A retry of an upload we already have. Pushing an unfinished one again covers a push lost to a
  // crash; the queue ignores ids that are already waiting.
  if (submission.status != model::SubmissionStatus::Judged) m_queue.push(submission.id);
  return SubmitOutcome{200, submittedBody(submission)};
}

Result<std::string> SubmissionService::resolveLanguage(std::string_view language) const {
  for (const auto& known : m_languages) {
    if (known.id == language) return known.id;
    for (const auto& alias : known.aliases)
      if (alias == language) return known.id;
  }
  std::string list;
  for (const auto& known : m_languages) list += (list.empty() ? "" : ", ") + known.id;
  return fail(ErrorCode::InvalidArgument, "submission.language: unknown language '" +
                                              std::string(language) + "' (known: " + list + ")");
}

Result<model::Problem> SubmissionService::visibleProblem(const http::Principal& caller,
                                                         std::int64_t problemId) {
  auto record = m_problems.findById(problemId);
  const bool hidden = record && !record->isActive && !caller.isProctor();
  if ((!record && record.error().code == ErrorCode::NotFound) || hidden)
    return fail(ErrorCode::NotFound, "no problem with id " + std::to_string(problemId));
  if (!record) return std::unexpected(record.error());
  return record->problem;
}

Result<SubmitOutcome> SubmissionService::runPlayground(const http::Principal& caller,
                                                       const SubmitRequest& request,
                                                       std::string language) {
  judging::PlaygroundRequest run{std::move(language), request.code, *request.stdinData,
                                 m_options.defaultPlaygroundLimits};
  if (request.problemId) {
    auto problem = visibleProblem(caller, *request.problemId);
    if (!problem) return std::unexpected(problem.error());
    run.limits = problem->limits;
  }
  if (!m_playground) return fail(ErrorCode::Unavailable, "the playground is not available here");
  auto result = m_playground(run);
  if (!result) return std::unexpected(result.error());
  return SubmitOutcome{200, playgroundBody(*result)};
}

void SubmissionService::recordSubmitted(const http::Principal& caller,
                                        const model::Submission& submission) {
  storage::AnalyticsEvent event;
  event.type = "submission";
  event.occurredAt = m_options.now();
  event.userId = caller.userId;
  event.metadata = {{"submission_id", submission.id},
                    {"problem_id", submission.problemId},
                    {"language", submission.language}};
  // Analytics are a side record: the submission is already stored and queued, so failing the
  // request now would only make the client retry something that succeeded.
  (void)m_analytics.record(event);
}

Result<nlohmann::json> SubmissionService::get(const http::Principal& caller, std::int64_t id) {
  auto record = m_submissions.findById(id);
  const bool foreign = record && record->submission.userId != caller.userId && !caller.isProctor();
  if ((!record && record.error().code == ErrorCode::NotFound) || foreign)
    return fail(ErrorCode::NotFound, "no submission with id " + std::to_string(id));
  if (!record) return std::unexpected(record.error());
  return protocol::toJson(record->submission);
}

Result<nlohmann::json> SubmissionService::list(const http::Principal& caller,
                                               const ListQuery& query) {
  std::int64_t userId = caller.userId;
  if (query.userId) {
    const auto parsed = parseInteger(*query.userId, 1, std::numeric_limits<std::int64_t>::max());
    if (!parsed) return fail(ErrorCode::InvalidArgument, "user_id must be a positive integer");
    if (*parsed != caller.userId && !caller.isProctor())
      return fail(ErrorCode::PermissionDenied, "only proctors may list another user's submissions");
    userId = *parsed;
  }
  int limit = kDefaultPageSize;
  if (query.limit) {
    const auto parsed = parseInteger(*query.limit, 1, kMaxPageSize);
    if (!parsed)
      return fail(ErrorCode::InvalidArgument,
                  "limit must be an integer from 1 to " + std::to_string(kMaxPageSize));
    limit = static_cast<int>(*parsed);
  }
  std::optional<storage::SubmissionCursor> after;
  if (query.cursor) {
    after = decodeCursor(*query.cursor);
    if (!after)
      return fail(ErrorCode::InvalidArgument,
                  "malformed cursor: pass the next_cursor of the previous page unchanged");
  }

  auto page = m_submissions.listByUser(userId, after, limit);
  if (!page) return std::unexpected(page.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& record : page->items) {
    auto item = protocol::toJson(record.submission);
    // The page carries neither; leaving empty ones in would read as "no code, no tests".
    item.erase("code");
    item.erase("tests");
    items.push_back(std::move(item));
  }
  return nlohmann::json{
      {"submissions", std::move(items)},
      {"next_cursor", page->next ? nlohmann::json(encodeCursor(*page->next)) : nlohmann::json()}};
}

nlohmann::json SubmissionService::languages() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& language : m_languages)
    list.push_back(
        {{"id", language.id}, {"name", language.name}, {"extensions", language.extensions}});
  return {{"languages", std::move(list)}};
}

}  // namespace arena::server::submissions
