#pragma once
// Contests as the API offers them: proctors create and edit them, add participants (users or
// teams), unfreeze the board and export it; everyone who may see a contest reads it, its
// problems once it has started, and its scoreboard. Plain values in, JSON out.
//
// Who sees what
//   A public contest is seen by everyone (anonymous callers included); a private one by its
//   participants and proctors. Others get 404, as if it did not exist.
//   Problems: hidden (403) from non-proctors before the start.
//   Scoreboard: the public view for everyone (frozen after the freeze: pending cells hide newer
//   verdicts until a proctor unfreezes); `view=jury` (proctors only) is the truth.
//   Address lock: with allowed_cidr set, non-proctors see problems and submit only from inside
//   the range (403 otherwise).
//
// Submissions (admit(), called by POST /api/submissions with a contest_id) are refused before
// the start and after the end (409), from non-participants (403), and for problems outside the
// contest (400). A desktop submission made offline before the end ("client_time" set) that
// arrives after the end is accepted at its local time while the contest's offline grace lasts,
// and marked so (its client_time is stored). During the contest the arrival time counts.
//
// Time comes from an injected clock so lifecycle tests do not sleep.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "features/contests/contest_boards.hpp"
#include "http/request.hpp"
#include "storage/contest_repository.hpp"
#include "storage/problem_repository.hpp"
#include "storage/user_repository.hpp"

namespace arena::server::contests {

using Clock = std::function<Timestamp()>;

// What a contest submission is stored with.
struct Admission {
  std::int64_t contestId = 0;
  std::optional<Timestamp> clientTime;  // set: an offline submission accepted at its local time
};

class ContestService {
 public:
  ContestService(storage::ContestRepository& contests, storage::UserRepository& users,
                 storage::ProblemRepository& problems, ContestBoards& boards, Clock now = {});

  Result<nlohmann::json> create(const nlohmann::json& body);
  Result<nlohmann::json> update(std::int64_t id, const nlohmann::json& body);
  // {"contests":[...], "server_time"}: the ones the caller may see, newest first.
  Result<nlohmann::json> list(const std::optional<http::Principal>& caller);
  Result<nlohmann::json> get(const std::optional<http::Principal>& caller, std::int64_t id);
  Result<nlohmann::json> problems(const std::optional<http::Principal>& caller, std::int64_t id,
                                  std::string_view clientAddress);
  // {"teams":[added...], "errors":[{"entry","message"}]}; the first error when nothing was added.
  Result<nlohmann::json> addParticipants(std::int64_t id, const nlohmann::json& body);
  Result<nlohmann::json> participants(std::int64_t id);
  // Reveals the frozen board: Conflict before the freeze or without one.
  Result<nlohmann::json> unfreeze(std::int64_t id);
  // The board as JSON text; `view` is "public" (default) or "jury" (proctors).
  Result<std::string> scoreboard(const std::optional<http::Principal>& caller, std::int64_t id,
                                 std::optional<std::string> view);
  // The final (jury) board as CSV.
  Result<std::string> exportCsv(std::int64_t id);
  // The board as a static HTML page to post: public (frozen while the freeze holds) or "jury".
  Result<std::string> exportHtml(std::int64_t id, std::optional<std::string> view);

  Result<Admission> admit(const http::Principal& caller, std::int64_t contestId,
                          std::int64_t problemId, std::optional<Timestamp> clientTime,
                          std::string_view clientAddress);
  // Whether `who` may hear the contest's public channel (the jury channel is for proctors).
  Result<void> mayWatch(const http::Principal& who, std::int64_t contestId);

 private:
  Timestamp now() const;
  // The contest if `caller` may see it; NotFound otherwise.
  Result<storage::ContestRecord> visible(const std::optional<http::Principal>& caller,
                                         std::int64_t id);
  Result<void> checkAddress(const std::optional<http::Principal>& caller,
                            const storage::ContestRecord& contest, std::string_view address);
  nlohmann::json describe(const storage::ContestRecord& contest, bool withProblems) const;

  storage::ContestRepository& m_contests;
  storage::UserRepository& m_users;
  storage::ProblemRepository& m_problems;
  ContestBoards& m_boards;
  Clock m_now;
};

}  // namespace arena::server::contests
