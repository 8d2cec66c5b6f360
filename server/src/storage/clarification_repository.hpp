#pragma once
// Clarifications and announcements of a contest (migration 0004).
//
// A clarification is a participant's question (about one problem or the contest as a whole)
// and, once a proctor answers, the answer: private (only the asker sees it) or to all. An
// announcement is a row a proctor writes with no question: its text is the answer, always to all.
// Rows are never deleted; a second answer replaces the first (a proctor correcting themselves).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"

namespace arena::server::storage {

struct Clarification {
  std::int64_t id = 0;
  std::optional<std::int64_t> contestId;
  std::optional<std::int64_t> problemId;
  std::int64_t fromUserId = 0;
  std::optional<std::string> question;  // none: an announcement
  std::optional<std::string> answer;    // none: not answered yet
  std::optional<std::int64_t> answeredBy;
  bool toAll = false;  // visibility 'all'
  Timestamp createdAt{};
  std::optional<Timestamp> answeredAt;

  bool isAnnouncement() const { return !question.has_value(); }
  friend bool operator==(const Clarification&, const Clarification&) = default;
};

struct NewQuestion {
  std::optional<std::int64_t> contestId;
  std::optional<std::int64_t> problemId;
  std::int64_t fromUserId = 0;
  std::string question;
};

struct NewAnnouncement {
  std::optional<std::int64_t> contestId;
  std::optional<std::int64_t> problemId;
  std::int64_t fromUserId = 0;  // the proctor
  std::string text;
};

class ClarificationRepository {
 public:
  virtual ~ClarificationRepository() = default;

  // NotFound for an unknown contest, problem or user.
  virtual Result<Clarification> ask(const NewQuestion& question, Timestamp at) = 0;
  virtual Result<Clarification> announce(const NewAnnouncement& announcement, Timestamp at) = 0;
  // Sets (or replaces) the answer. NotFound for an unknown id; Conflict for an announcement.
  virtual Result<Clarification> answer(std::int64_t id, std::int64_t answeredBy,
                                       const std::string& answer, bool toAll, Timestamp at) = 0;
  virtual Result<Clarification> findById(std::int64_t id) = 0;
  // Every row of the contest, oldest first (proctors).
  virtual Result<std::vector<Clarification>> listForContest(std::int64_t contestId) = 0;
  // What a participant may read: their own questions (answered or not) and every row shown to
  // all (answers to all, announcements), oldest first.
  virtual Result<std::vector<Clarification>> listVisibleTo(std::int64_t contestId,
                                                           std::int64_t userId) = 0;
};

}  // namespace arena::server::storage
