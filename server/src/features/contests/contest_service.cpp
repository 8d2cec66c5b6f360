#include "features/contests/contest_service.hpp"

#include <algorithm>
#include <chrono>

#include "arena/protocol/json_codecs.hpp"
#include "arena/scoring/scoreboard_json.hpp"
#include "features/contests/address_range.hpp"
#include "features/contests/contest_phase.hpp"
#include "features/contests/contest_request.hpp"
#include "features/contests/contest_reveal.hpp"
#include "features/contests/scoreboard_csv.hpp"
#include "features/contests/scoreboard_html.hpp"

namespace arena::server::contests {

namespace {

Error notFound(std::int64_t id) {
  return {ErrorCode::NotFound, "no contest with id " + std::to_string(id)};
}

nlohmann::json teamJson(const storage::ContestTeam& team) {
  auto members = nlohmann::json::array();
  for (const auto& member : team.members)
    members.push_back({{"user_id", member.userId}, {"username", member.username}});
  return {{"id", team.id}, {"name", team.name}, {"members", std::move(members)}};
}

nlohmann::json problemJson(const model::ContestProblem& problem) {
  return {{"problem_id", problem.problemId}, {"label", problem.label}, {"color", problem.color}};
}

bool isProctor(const std::optional<http::Principal>& caller) {
  return caller && caller->isProctor();
}

}  // namespace

ContestService::ContestService(storage::ContestRepository& contests,
                               storage::UserRepository& users,
                               storage::ProblemRepository& problems, ContestBoards& boards,
                               Clock now)
    : m_contests(contests),
      m_users(users),
      m_problems(problems),
      m_boards(boards),
      m_now(std::move(now)) {}

Timestamp ContestService::now() const {
  if (m_now) return m_now();
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

nlohmann::json ContestService::describe(const storage::ContestRecord& record,
                                        bool withProblems) const {
  const auto& contest = record.contest;
  const Timestamp at = now();
  auto json = nlohmann::json{
      {"id", contest.id},
      {"name", contest.name},
      {"starts_at", formatTimestamp(contest.startsAt)},
      {"ends_at", formatTimestamp(endOf(record))},
      {"duration_seconds", contest.durationSeconds},
      {"freeze_after_seconds", contest.freezeAfterSeconds ? nlohmann::json(*contest.freezeAfterSeconds)
                                                          : nlohmann::json(nullptr)},
      {"freezes_at", freezeOf(record) ? nlohmann::json(formatTimestamp(*freezeOf(record)))
                                      : nlohmann::json(nullptr)},
      {"unfrozen_at", record.unfrozenAt ? nlohmann::json(formatTimestamp(*record.unfrozenAt))
                                        : nlohmann::json(nullptr)},
      {"rules", model::enumName(contest.rules)},
      {"ioi_scoring", record.ioiScoring == scoring::IoiScoring::BestSubmission ? "best-submission"
                                                                               : "best-subtask"},
      {"visibility", contest.isPublic ? "public" : "private"},
      {"offline_grace_seconds", record.offlineGraceSeconds},
      {"allowed_cidr",
       record.allowedCidr ? nlohmann::json(*record.allowedCidr) : nlohmann::json(nullptr)},
      {"state", stateName(stateAt(record, at))},
      {"scoreboard_frozen", boardFrozenAt(record, at)},
      {"server_time", formatTimestamp(at)},
  };
  if (withProblems) {
    auto problems = nlohmann::json::array();
    for (const auto& problem : contest.problems) problems.push_back(problemJson(problem));
    json["problems"] = std::move(problems);
  }
  return json;
}

Result<nlohmann::json> ContestService::create(const nlohmann::json& body) {
  auto request = parseContestRequest(body);
  if (!request) return std::unexpected(request.error());
  auto created = m_contests.create(*request);
  if (!created) return std::unexpected(created.error());
  return describe(*created, true);
}

Result<nlohmann::json> ContestService::update(std::int64_t id, const nlohmann::json& body) {
  auto request = parseContestRequest(body);
  if (!request) return std::unexpected(request.error());
  auto updated = m_contests.update(id, *request);
  if (!updated) return std::unexpected(updated.error());
  m_boards.invalidate(id);
  return describe(*updated, true);
}

Result<storage::ContestRecord> ContestService::visible(const std::optional<http::Principal>& caller,
                                                       std::int64_t id) {
  auto record = m_contests.findById(id);
  if (!record) {
    if (record.error().code == ErrorCode::NotFound) return std::unexpected(notFound(id));
    return record;
  }
  if (record->contest.isPublic || isProctor(caller)) return record;
  if (!caller) return std::unexpected(notFound(id));
  auto team = m_contests.teamOf(id, caller->userId);
  if (!team) return std::unexpected(team.error());
  if (!*team) return std::unexpected(notFound(id));
  return record;
}

Result<void> ContestService::checkAddress(const std::optional<http::Principal>& caller,
                                          const storage::ContestRecord& contest,
                                          std::string_view address) {
  if (!contest.allowedCidr || isProctor(caller)) return {};
  auto range = AddressRange::parse(*contest.allowedCidr);
  if (range && range->contains(address)) return {};
  return fail(ErrorCode::PermissionDenied,
              "contest " + std::to_string(contest.contest.id) + " is open only from " +
                  *contest.allowedCidr + "; your address is " +
                  (address.empty() ? std::string("unknown") : std::string(address)));
}

Result<nlohmann::json> ContestService::list(const std::optional<http::Principal>& caller) {
  auto all = m_contests.list();
  if (!all) return std::unexpected(all.error());
  auto contests = nlohmann::json::array();
  for (const auto& record : *all) {
    bool show = record.contest.isPublic || isProctor(caller);
    if (!show && caller) {
      auto team = m_contests.teamOf(record.contest.id, caller->userId);
      if (!team) return std::unexpected(team.error());
      show = team->has_value();
    }
    if (show) contests.push_back(describe(record, false));
  }
  return nlohmann::json{{"contests", std::move(contests)}, {"server_time", formatTimestamp(now())}};
}

Result<nlohmann::json> ContestService::get(const std::optional<http::Principal>& caller,
                                           std::int64_t id) {
  auto record = visible(caller, id);
  if (!record) return std::unexpected(record.error());
  // Labels and colours show the shape of the set; which problems they are waits for the start.
  const bool started = now() >= record->contest.startsAt;
  auto json = describe(*record, true);
  if (!started && !isProctor(caller)) {
    for (auto& problem : json["problems"]) problem.erase("problem_id");
  }
  return json;
}

Result<nlohmann::json> ContestService::problems(const std::optional<http::Principal>& caller,
                                                std::int64_t id, std::string_view clientAddress) {
  auto record = visible(caller, id);
  if (!record) return std::unexpected(record.error());
  if (auto address = checkAddress(caller, *record, clientAddress); !address)
    return std::unexpected(address.error());
  if (now() < record->contest.startsAt && !isProctor(caller))
    return fail(ErrorCode::PermissionDenied,
                "contest " + std::to_string(id) + " has not started: its problems are hidden until " +
                    formatTimestamp(record->contest.startsAt));
  auto problems = nlohmann::json::array();
  for (const auto& entry : record->contest.problems) {
    auto json = problemJson(entry);
    if (auto problem = m_problems.findById(entry.problemId)) {
      json["slug"] = problem->problem.slug;
      json["title"] = problem->problem.title;
      json["difficulty"] = model::enumName(problem->problem.difficulty);
      json["limits"] = protocol::toJson(problem->problem.limits);
    }
    problems.push_back(std::move(json));
  }
  return nlohmann::json{{"contest_id", id}, {"problems", std::move(problems)}};
}

Result<nlohmann::json> ContestService::addParticipants(std::int64_t id,
                                                       const nlohmann::json& body) {
  auto request = parseParticipantsRequest(body);
  if (!request) return std::unexpected(request.error());
  if (auto contest = m_contests.findById(id); !contest) {
    if (contest.error().code == ErrorCode::NotFound) return std::unexpected(notFound(id));
    return std::unexpected(contest.error());
  }
  auto added = nlohmann::json::array();
  auto errors = nlohmann::json::array();
  std::optional<Error> firstError;
  const auto record = [&](const std::string& entry, const Error& error) {
    if (!firstError) firstError = error;
    errors.push_back({{"entry", entry}, {"message", error.message}});
  };
  for (const auto userId : request->users) {
    auto user = m_users.findById(userId);
    if (!user) {
      record("user " + std::to_string(userId), user.error());
      continue;
    }
    auto team = m_contests.addTeam(id, user->user.username, {userId});
    if (!team) {
      record("user " + std::to_string(userId), team.error());
      continue;
    }
    added.push_back(teamJson(*team));
  }
  for (const auto& teamRequest : request->teams) {
    auto team = m_contests.addTeam(id, teamRequest.name, teamRequest.userIds);
    if (!team) {
      record("team " + teamRequest.name, team.error());
      continue;
    }
    added.push_back(teamJson(*team));
  }
  if (added.empty() && firstError) return std::unexpected(*firstError);
  m_boards.invalidate(id);
  return nlohmann::json{{"teams", std::move(added)}, {"errors", std::move(errors)}};
}

Result<nlohmann::json> ContestService::participants(std::int64_t id) {
  if (auto contest = m_contests.findById(id); !contest) {
    if (contest.error().code == ErrorCode::NotFound) return std::unexpected(notFound(id));
    return std::unexpected(contest.error());
  }
  auto teams = m_contests.teams(id);
  if (!teams) return std::unexpected(teams.error());
  auto json = nlohmann::json::array();
  for (const auto& team : *teams) json.push_back(teamJson(team));
  return nlohmann::json{{"contest_id", id}, {"teams", std::move(json)}};
}

Result<nlohmann::json> ContestService::unfreeze(std::int64_t id) {
  auto record = m_contests.findById(id);
  if (!record) {
    if (record.error().code == ErrorCode::NotFound) return std::unexpected(notFound(id));
    return std::unexpected(record.error());
  }
  const auto freeze = freezeOf(*record);
  if (!freeze) return fail(ErrorCode::Conflict, "contest " + std::to_string(id) + " has no freeze");
  if (record->unfrozenAt)
    return fail(ErrorCode::Conflict, "contest " + std::to_string(id) + " is already unfrozen");
  if (now() < *freeze)
    return fail(ErrorCode::Conflict, "contest " + std::to_string(id) +
                                         " is not frozen yet (it freezes at " +
                                         formatTimestamp(*freeze) + ")");
  auto updated = m_contests.setUnfrozenAt(id, now());
  if (!updated) return std::unexpected(updated.error());
  m_boards.invalidate(id);
  return describe(*updated, true);
}

Result<std::string> ContestService::scoreboard(const std::optional<http::Principal>& caller,
                                               std::int64_t id, std::optional<std::string> view) {
  auto record = visible(caller, id);
  if (!record) return std::unexpected(record.error());
  auto kind = scoring::ScoreboardView::Public;
  if (view && *view == "jury") {
    if (!isProctor(caller))
      return fail(ErrorCode::PermissionDenied, "only proctors see the jury scoreboard");
    kind = scoring::ScoreboardView::Jury;
  } else if (view && *view != "public") {
    return fail(ErrorCode::InvalidArgument, "view: must be 'public' or 'jury'");
  }
  const Timestamp at = now();
  // Before the start contestants see who takes part, not which problems (rows carry their ids).
  const bool hideProblems = at < record->contest.startsAt && !isProctor(caller);
  std::string out;
  auto read = m_boards.withBoard(id, [&](const ContestBoard& board) {
    auto problems = nlohmann::json::array();
    for (const auto& problem : board.contest.contest.problems) {
      problems.push_back(problemJson(problem));
      if (hideProblems) problems.back().erase("problem_id");
    }
    auto teams = nlohmann::json::array();
    for (const auto& team : board.teams) teams.push_back(teamJson(team));
    const bool frozen = kind == scoring::ScoreboardView::Public && boardFrozenAt(board.contest, at);
    nlohmann::json head = {{"contest_id", id},
                           {"rules", model::enumName(board.contest.contest.rules)},
                           {"state", stateName(stateAt(board.contest, at))},
                           {"frozen", frozen},
                           {"server_time", formatTimestamp(at)},
                           {"problems", std::move(problems)},
                           {"teams", std::move(teams)}};
    // After the end of a frozen contest: how far the awards-ceremony reveal has come.
    if (boardFrozenAt(board.contest, at) && at >= endOf(board.contest))
      head["reveal"] = revealProgress(board);
    out = head.dump();
    out.pop_back();  // '}' : the board's own fields follow
    out += ',';
    if (hideProblems) {
      out += "\"view\":\"public\",\"rows\":[]}";
      return;
    }
    std::string rows;
    if (frozen && !board.revealed.empty()) {
      writeRevealedJson(rows, board);  // mid-ceremony: the frozen board with revealed cells
    } else {
      std::visit([&](const auto& b) { scoring::writeJson(rows, b, kind); }, board.board);
    }
    out.append(rows, 1, std::string::npos);
  });
  if (!read) return std::unexpected(read.error());
  return out;
}

Result<std::string> ContestService::exportCsv(std::int64_t id) {
  std::string out;
  auto read = m_boards.withBoard(
      id, [&](const ContestBoard& board) { out = scoreboardCsv(board, scoring::ScoreboardView::Jury); });
  if (!read) {
    if (read.error().code == ErrorCode::NotFound) return std::unexpected(notFound(id));
    return std::unexpected(read.error());
  }
  return out;
}

Result<std::string> ContestService::exportHtml(std::int64_t id, std::optional<std::string> view) {
  HtmlBoardOptions options;
  if (view && *view == "jury") {
    options.view = scoring::ScoreboardView::Jury;
  } else if (view && *view != "public") {
    return fail(ErrorCode::InvalidArgument, "view: must be 'public' or 'jury'");
  }
  options.generatedAt = now();
  std::string out;
  auto read = m_boards.withBoard(id, [&](const ContestBoard& board) {
    options.frozen = options.view == scoring::ScoreboardView::Public &&
                     boardFrozenAt(board.contest, options.generatedAt);
    out = scoreboardHtml(board, options);
  });
  if (!read) {
    if (read.error().code == ErrorCode::NotFound) return std::unexpected(notFound(id));
    return std::unexpected(read.error());
  }
  return out;
}

Result<Admission> ContestService::admit(const http::Principal& caller, std::int64_t contestId,
                                        std::int64_t problemId,
                                        std::optional<Timestamp> clientTime,
                                        std::string_view clientAddress) {
  auto record = visible(caller, contestId);
  if (!record) return std::unexpected(record.error());
  auto team = m_contests.teamOf(contestId, caller.userId);
  if (!team) return std::unexpected(team.error());
  if (!*team)
    return fail(ErrorCode::PermissionDenied,
                "you do not take part in contest " + std::to_string(contestId));
  if (auto address = checkAddress(caller, *record, clientAddress); !address)
    return std::unexpected(address.error());
  const auto& problems = record->contest.problems;
  if (std::none_of(problems.begin(), problems.end(),
                   [&](const auto& problem) { return problem.problemId == problemId; }))
    return fail(ErrorCode::InvalidArgument, "submission.problem_id: problem " +
                                                std::to_string(problemId) + " is not in contest " +
                                                std::to_string(contestId));
  const Timestamp at = now();
  const Timestamp end = endOf(*record);
  if (at < record->contest.startsAt)
    return fail(ErrorCode::Conflict, "contest " + std::to_string(contestId) +
                                         " has not started (it starts at " +
                                         formatTimestamp(record->contest.startsAt) + ")");
  if (at < end) return Admission{contestId, std::nullopt};  // live: the arrival time counts
  const Timestamp graceEnd = end + std::chrono::seconds{record->offlineGraceSeconds};
  if (clientTime && at <= graceEnd && *clientTime >= record->contest.startsAt &&
      *clientTime < end)
    return Admission{contestId, clientTime};
  std::string message = "contest " + std::to_string(contestId) + " ended at " +
                        formatTimestamp(end) + "; submissions are closed";
  if (clientTime && *clientTime < end && record->offlineGraceSeconds > 0 && at > graceEnd)
    message += " (offline submissions were accepted until " + formatTimestamp(graceEnd) + ")";
  return fail(ErrorCode::Conflict, message);
}

Result<void> ContestService::mayWatch(const http::Principal& who, std::int64_t contestId) {
  auto record = visible(who, contestId);
  if (!record) return std::unexpected(record.error());
  return {};
}

}  // namespace arena::server::contests
