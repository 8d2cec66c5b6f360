#include "features/clarifications/clarification_service.hpp"

#include <limits>

#include "arena/protocol/json_reader.hpp"
#include "features/clarifications/clarification_text.hpp"

namespace arena::server::clarifications {

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int64_t>::max();

nlohmann::json optionalJson(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json optionalJson(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

std::string contestChannel(std::int64_t contestId) {
  return "contest:" + std::to_string(contestId);
}

std::string juryChannel(std::int64_t contestId) { return contestChannel(contestId) + ":jury"; }

nlohmann::json toJson(const storage::Clarification& clarification, bool revealAsker) {
  return {{"id", clarification.id},
          {"contest_id", optionalJson(clarification.contestId)},
          {"problem_id", optionalJson(clarification.problemId)},
          {"kind", clarification.isAnnouncement() ? "announcement" : "clarification"},
          {"question", optionalJson(clarification.question)},
          {"answer", optionalJson(clarification.answer)},
          {"to_all", clarification.toAll},
          {"visibility", clarification.toAll ? "all" : "private"},
          {"from_user_id", revealAsker ? nlohmann::json(clarification.fromUserId) : nullptr},
          {"answered_by", revealAsker ? optionalJson(clarification.answeredBy) : nullptr},
          {"created_at", formatTimestamp(clarification.createdAt)},
          {"answered_at", clarification.answeredAt
                              ? nlohmann::json(formatTimestamp(*clarification.answeredAt))
                              : nlohmann::json(nullptr)}};
}

ClarificationService::ClarificationService(storage::ClarificationRepository& clarifications,
                                           storage::ContestRepository& contests,
                                           live::EventBus& events, Clock clock,
                                           ClarificationLimits limits)
    : m_clarifications(clarifications),
      m_contests(contests),
      m_events(events),
      m_clock(std::move(clock)),
      m_limits(limits) {}

Result<storage::ContestRecord> ClarificationService::contestFor(const http::Principal& who,
                                                                std::int64_t contestId) {
  auto contest = m_contests.findById(contestId);
  if (!contest) return std::unexpected(contest.error());
  if (who.isProctor()) return contest;
  auto team = m_contests.teamOf(contestId, who.userId);
  if (!team) return std::unexpected(team.error());
  if (!*team) return fail(ErrorCode::PermissionDenied, "you do not take part in this contest");
  return contest;
}

Result<void> ClarificationService::checkProblem(const storage::ContestRecord& contest,
                                                std::optional<std::int64_t> problemId) const {
  if (!problemId) return {};
  for (const auto& problem : contest.contest.problems) {
    if (problem.problemId == *problemId) return {};
  }
  return fail(ErrorCode::NotFound,
              "problem " + std::to_string(*problemId) + " is not part of this contest");
}

void ClarificationService::publish(const std::string& channel, const std::string& type,
                                   const storage::Clarification& clarification, bool revealAsker) {
  m_events.publish({channel, type, toJson(clarification, revealAsker).dump()});
}

Result<nlohmann::json> ClarificationService::ask(const http::Principal& who,
                                                 std::int64_t contestId,
                                                 const nlohmann::json& body) {
  auto reader = protocol::readObject(body, "clarification");
  if (!reader) return std::unexpected(reader.error());
  const std::string question =
      reader->string("question", 1, m_limits.maxQuestionBytes * 2 + 64);
  const auto problemId = reader->optionalInteger("problem_id", 1, kMaxId);
  if (auto ok = reader->finish(true); !ok) return std::unexpected(ok.error());
  auto text = checkClarificationText(question, "question", m_limits.maxQuestionBytes);
  if (!text) return std::unexpected(text.error());

  auto contest = contestFor(who, contestId);
  if (!contest) return std::unexpected(contest.error());
  if (auto ok = checkProblem(*contest, problemId); !ok) return std::unexpected(ok.error());

  auto created = m_clarifications.ask({contestId, problemId, who.userId, *text}, m_clock());
  if (!created) return std::unexpected(created.error());
  publish(juryChannel(contestId), "clarification.new", *created, true);
  return toJson(*created, true);
}

Result<nlohmann::json> ClarificationService::list(const http::Principal& who,
                                                  std::int64_t contestId) {
  auto contest = contestFor(who, contestId);
  if (!contest) return std::unexpected(contest.error());
  auto rows = who.isProctor() ? m_clarifications.listForContest(contestId)
                              : m_clarifications.listVisibleTo(contestId, who.userId);
  if (!rows) return std::unexpected(rows.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : *rows) {
    items.push_back(toJson(row, who.isProctor() || row.fromUserId == who.userId));
  }
  return nlohmann::json{{"clarifications", std::move(items)}};
}

Result<nlohmann::json> ClarificationService::answer(const http::Principal& who,
                                                    std::int64_t clarificationId,
                                                    const nlohmann::json& body) {
  auto reader = protocol::readObject(body, "answer");
  if (!reader) return std::unexpected(reader.error());
  const std::string answer = reader->string("answer", 1, m_limits.maxAnswerBytes * 2 + 64);
  const bool toAll = reader->optionalBoolean("to_all").value_or(false);
  if (auto ok = reader->finish(true); !ok) return std::unexpected(ok.error());
  auto text = checkClarificationText(answer, "answer", m_limits.maxAnswerBytes);
  if (!text) return std::unexpected(text.error());

  auto answered = m_clarifications.answer(clarificationId, who.userId, *text, toAll, m_clock());
  if (!answered) return std::unexpected(answered.error());
  if (answered->contestId) {
    const std::int64_t contestId = *answered->contestId;
    if (answered->toAll) {
      publish(contestChannel(contestId), "clarification.answered", *answered, false);
    } else {
      publish("user:" + std::to_string(answered->fromUserId), "clarification.answered",
              *answered, true);
    }
    publish(juryChannel(contestId), "clarification.answered", *answered, true);
  } else {
    publish("user:" + std::to_string(answered->fromUserId), "clarification.answered", *answered,
            true);
  }
  return toJson(*answered, true);
}

Result<nlohmann::json> ClarificationService::announce(const http::Principal& who,
                                                      std::int64_t contestId,
                                                      const nlohmann::json& body) {
  auto reader = protocol::readObject(body, "announcement");
  if (!reader) return std::unexpected(reader.error());
  const std::string text = reader->string("text", 1, m_limits.maxAnswerBytes * 2 + 64);
  const auto problemId = reader->optionalInteger("problem_id", 1, kMaxId);
  if (auto ok = reader->finish(true); !ok) return std::unexpected(ok.error());
  auto checked = checkClarificationText(text, "text", m_limits.maxAnswerBytes);
  if (!checked) return std::unexpected(checked.error());

  auto contest = contestFor(who, contestId);
  if (!contest) return std::unexpected(contest.error());
  if (auto ok = checkProblem(*contest, problemId); !ok) return std::unexpected(ok.error());

  auto created =
      m_clarifications.announce({contestId, problemId, who.userId, *checked}, m_clock());
  if (!created) return std::unexpected(created.error());
  publish(contestChannel(contestId), "announcement", *created, false);
  publish(juryChannel(contestId), "announcement", *created, true);
  return toJson(*created, true);
}

}  // namespace arena::server::clarifications
