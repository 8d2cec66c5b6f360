#pragma once
// Clarifications during a contest: participants ask (about a problem or in general), proctors
// answer privately or to all, and proctors post announcements. Everything is also pushed live:
//
//   clarification.new       -> "contest:<id>:jury"   a question arrived (proctors)
//   clarification.answered  -> "user:<asker>"        a private answer
//                              "contest:<id>"        an answer to all
//                              and "contest:<id>:jury" either way (other proctors' lists)
//   announcement            -> "contest:<id>"
//
// Every event's data is the clarification as toJson() shows it to that channel's audience: on
// shared contest channels the asker's id is left out (null), as on a contestant's list.
// Events are published after the row commits; with Redis every replica's hub forwards them, the
// service itself runs on one replica per request, so nothing here needs to be idempotent.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "http/request.hpp"
#include "live/event_bus.hpp"
#include "storage/clarification_repository.hpp"
#include "storage/contest_repository.hpp"

namespace arena::server::clarifications {

struct ClarificationLimits {
  std::size_t maxQuestionBytes = 2000;
  std::size_t maxAnswerBytes = 4000;
};

// The channel only proctors may hear for contest `contestId`.
std::string juryChannel(std::int64_t contestId);
std::string contestChannel(std::int64_t contestId);

// {id, contest_id, problem_id, kind:"clarification"|"announcement", question, answer, to_all,
//  visibility:"private"|"all", from_user_id (null unless revealAsker), answered_by, created_at,
//  answered_at}
nlohmann::json toJson(const storage::Clarification& clarification, bool revealAsker);

class ClarificationService {
 public:
  using Clock = std::function<Timestamp()>;

  ClarificationService(storage::ClarificationRepository& clarifications,
                       storage::ContestRepository& contests, live::EventBus& events, Clock clock,
                       ClarificationLimits limits = {});

  // {question, problem_id?}. A participant of the contest or a proctor; NotFound for an unknown
  // contest or a problem not in it, PermissionDenied for someone outside the contest.
  Result<nlohmann::json> ask(const http::Principal& who, std::int64_t contestId,
                             const nlohmann::json& body);
  // {"clarifications":[...]}: proctors see every row, participants theirs and those to all.
  Result<nlohmann::json> list(const http::Principal& who, std::int64_t contestId);
  // {answer, to_all} (proctors). NotFound for an unknown id, Conflict for an announcement.
  Result<nlohmann::json> answer(const http::Principal& who, std::int64_t clarificationId,
                                const nlohmann::json& body);
  // {text, problem_id?} (proctors).
  Result<nlohmann::json> announce(const http::Principal& who, std::int64_t contestId,
                                  const nlohmann::json& body);

 private:
  Result<storage::ContestRecord> contestFor(const http::Principal& who, std::int64_t contestId);
  Result<void> checkProblem(const storage::ContestRecord& contest,
                            std::optional<std::int64_t> problemId) const;
  void publish(const std::string& channel, const std::string& type,
               const storage::Clarification& clarification, bool revealAsker);

  storage::ClarificationRepository& m_clarifications;
  storage::ContestRepository& m_contests;
  live::EventBus& m_events;
  Clock m_clock;
  ClarificationLimits m_limits;
};

}  // namespace arena::server::clarifications
