#include "features/ccs_api/ccs_objects.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "features/ccs_api/ccs_time.hpp"
#include "features/contests/contest_phase.hpp"

namespace arena::server::ccs_api {

namespace {

using json = nlohmann::json;
using std::chrono::milliseconds;

struct JudgementType {
  model::Verdict verdict;
  const char* id;
  const char* name;
  bool penalty;
  bool solved;
};

// Penalty follows our ICPC board: every rejected try costs, except a compile error (and a
// judge error, which is ours, not the team's).
constexpr std::array kJudgementTypes{
    JudgementType{model::Verdict::Accepted, "AC", "correct", false, true},
    JudgementType{model::Verdict::WrongAnswer, "WA", "wrong answer", true, false},
    JudgementType{model::Verdict::TimeLimitExceeded, "TLE", "time limit exceeded", true, false},
    JudgementType{model::Verdict::MemoryLimitExceeded, "MLE", "memory limit exceeded", true, false},
    JudgementType{model::Verdict::RuntimeError, "RTE", "run-time error", true, false},
    JudgementType{model::Verdict::OutputLimitExceeded, "OLE", "output limit exceeded", true, false},
    JudgementType{model::Verdict::CompileError, "CE", "compiler error", false, false},
    JudgementType{model::Verdict::JudgeError, "JE", "judging error", false, false},
    JudgementType{model::Verdict::SecurityViolation, "SV", "security violation", true, false},
};

std::string judgementTypeId(model::Verdict verdict) {
  for (const auto& type : kJudgementTypes) {
    if (type.verdict == verdict) return type.id;
  }
  return "JE";
}

std::string str(std::int64_t id) { return std::to_string(id); }

json timeOrNull(const std::optional<Timestamp>& at) {
  return at ? json(ccsTime(*at)) : json(nullptr);
}

json seconds(std::int64_t ms) { return static_cast<double>(ms) / 1000.0; }

json contestObject(const storage::ContestRecord& record) {
  const model::Contest& contest = record.contest;
  json object{{"id", str(contest.id)},
              {"name", contest.name},
              {"formal_name", contest.name},
              {"start_time", ccsTime(contest.startsAt)},
              {"duration", ccsRelTime(std::chrono::seconds{contest.durationSeconds})},
              {"scoreboard_freeze_duration", nullptr}};
  if (contest.freezeAfterSeconds) {
    object["scoreboard_freeze_duration"] =
        ccsRelTime(std::chrono::seconds{contest.durationSeconds - *contest.freezeAfterSeconds});
  }
  if (contest.rules == model::ContestRules::Icpc) {
    object["scoreboard_type"] = "pass-fail";
    object["penalty_time"] = 20;
  } else {
    object["scoreboard_type"] = "score";
  }
  return object;
}

class Builder {
 public:
  Builder(CcsSources& sources, const storage::ContestRecord& contest, const Viewer& viewer,
          Timestamp now)
      : m_sources(sources), m_record(contest), m_viewer(viewer), m_now(now) {}

  Result<CcsSnapshot> build() {
    CcsSnapshot snapshot;
    snapshot.contest = contestObject(m_record);
    snapshot.collections.assign(kCollectionTypes.size(), json::array());

    auto teams = m_sources.contests.teams(m_record.contest.id);
    if (!teams) return std::unexpected(teams.error());
    for (const auto& team : *teams) {
      for (const auto& member : team.members) m_teamOfUser[member.userId] = team.id;
    }
    auto submissions = m_sources.contests.submissions(m_record.contest.id);
    if (!submissions) return std::unexpected(submissions.error());
    bool pending = false;
    for (const auto& submission : *submissions) {
      pending = pending || submission.status != model::SubmissionStatus::Judged;
    }
    snapshot.state = stateObject(pending, snapshot.finalized);

    fill(snapshot, "judgement-types", judgementTypes());
    fill(snapshot, "languages", languages());
    auto problems = problemObjects();
    if (!problems) return std::unexpected(problems.error());
    fill(snapshot, "problems", std::move(*problems));
    fill(snapshot, "teams", teamObjects(*teams));
    if (auto judged = judgedObjects(*submissions, snapshot); !judged) {
      return std::unexpected(judged.error());
    }
    auto clarifications = clarificationObjects();
    if (!clarifications) return std::unexpected(clarifications.error());
    fill(snapshot, "clarifications", std::move(*clarifications));
    return snapshot;
  }

 private:
  static void fill(CcsSnapshot& snapshot, const std::string& type, json objects) {
    const auto at = std::find(kCollectionTypes.begin(), kCollectionTypes.end(), type);
    snapshot.collections[static_cast<std::size_t>(at - kCollectionTypes.begin())] =
        std::move(objects);
  }

  bool jury() const { return m_viewer.audience == Audience::Jury; }
  std::string contestTime(Timestamp at) const {
    return ccsRelTime(std::chrono::duration_cast<milliseconds>(at - m_record.contest.startsAt));
  }

  json stateObject(bool pending, bool& finalized) const {
    const Timestamp start = m_record.contest.startsAt;
    const Timestamp end = contests::endOf(m_record);
    const auto freeze = contests::freezeOf(m_record);
    json state{{"started", m_now >= start ? json(ccsTime(start)) : json(nullptr)},
               {"frozen", freeze && m_now >= *freeze ? json(ccsTime(*freeze)) : json(nullptr)},
               {"ended", m_now >= end ? json(ccsTime(end)) : json(nullptr)},
               {"thawed", timeOrNull(m_record.unfrozenAt)},
               {"finalized", nullptr},
               {"end_of_updates", nullptr}};
    // Final once over, revealed (or never frozen) and judged: the instant is the later of the
    // end and the reveal, so every snapshot after it says the same.
    finalized = m_now >= end && (!freeze || m_record.unfrozenAt) && !pending;
    if (finalized) {
      const Timestamp at = std::max(end, m_record.unfrozenAt.value_or(end));
      state["finalized"] = ccsTime(at);
      state["end_of_updates"] = ccsTime(at);
    }
    return state;
  }

  static json judgementTypes() {
    json list = json::array();
    for (const auto& type : kJudgementTypes) {
      list.push_back({{"id", type.id},
                      {"name", type.name},
                      {"penalty", type.penalty},
                      {"solved", type.solved}});
    }
    return list;
  }

  json languages() const {
    json list = json::array();
    for (const auto& language : m_sources.languages) {
      list.push_back({{"id", language.id},
                      {"name", language.name},
                      {"entry_point_required", false},
                      {"extensions", language.extensions}});
    }
    return list;
  }

  Result<json> problemObjects() {
    json list = json::array();
    if (!jury() && m_now < m_record.contest.startsAt) return list;  // hidden before the start
    auto counts = m_sources.contests.testCounts(m_record.contest.id);
    if (!counts) return std::unexpected(counts.error());
    std::int32_t ordinal = 0;
    for (const auto& problem : m_record.contest.problems) {
      auto stored = m_sources.problems.findById(problem.problemId);
      if (!stored) return std::unexpected(stored.error());
      json object{{"id", str(problem.problemId)},
                  {"label", problem.label},
                  {"name", stored->problem.title},
                  {"ordinal", ordinal++},
                  {"time_limit", seconds(stored->problem.limits.timeLimitMs)},
                  {"test_data_count",
                   counts->contains(problem.problemId) ? counts->at(problem.problemId) : 0}};
      if (!problem.color.empty()) object["rgb"] = problem.color;
      list.push_back(std::move(object));
    }
    return list;
  }

  static json teamObjects(const std::vector<storage::ContestTeam>& teams) {
    json list = json::array();
    for (const auto& team : teams) {
      list.push_back({{"id", str(team.id)},
                      {"label", str(team.id)},
                      {"name", team.name},
                      {"display_name", team.name},
                      {"organization_id", nullptr},
                      {"group_ids", json::array()},
                      {"hidden", false}});
    }
    return list;
  }

  // Whether the viewer may see how a submission was judged.
  bool mayJudgementBeSeen(const storage::ContestSubmission& submission) const {
    if (jury()) return true;
    if (m_viewer.teamId && *m_viewer.teamId == submission.teamId) return true;
    const auto freeze = contests::freezeOf(m_record);
    return !(freeze && submission.countedAt() >= *freeze &&
             contests::boardFrozenAt(m_record, m_now));
  }

  Result<void> judgedObjects(const std::vector<storage::ContestSubmission>& submissions,
                             CcsSnapshot& snapshot) {
    json list = json::array();
    json judgements = json::array();
    json runs = json::array();
    for (const auto& submission : submissions) {
      auto record = m_sources.submissions.findById(submission.id);
      if (!record) return std::unexpected(record.error());
      list.push_back({{"id", str(submission.id)},
                      {"language_id", record->submission.language},
                      {"problem_id", str(submission.problemId)},
                      {"team_id", str(submission.teamId)},
                      {"time", ccsTime(submission.createdAt)},
                      {"contest_time", contestTime(submission.countedAt())},
                      {"entry_point", nullptr},
                      {"files", json::array()}});
      const bool started =
          record->judgeAttempt > 0 || submission.status != model::SubmissionStatus::Queued;
      if (!started || !mayJudgementBeSeen(submission)) continue;
      const std::string judgementId =
          str(submission.id) + "-" + str(std::max<std::int64_t>(record->judgeAttempt, 1));
      const bool judged =
          submission.status == model::SubmissionStatus::Judged && submission.verdict.has_value();
      const Timestamp endedAt = record->judgedAt.value_or(submission.createdAt);
      json judgement{{"id", judgementId},
                     {"submission_id", str(submission.id)},
                     {"judgement_type_id", nullptr},
                     {"start_time", ccsTime(submission.createdAt)},
                     {"start_contest_time", contestTime(submission.createdAt)},
                     {"end_time", nullptr},
                     {"end_contest_time", nullptr},
                     {"max_run_time", nullptr}};
      if (judged) {
        judgement["judgement_type_id"] = judgementTypeId(*submission.verdict);
        judgement["end_time"] = ccsTime(endedAt);
        judgement["end_contest_time"] = contestTime(endedAt);
        judgement["max_run_time"] = seconds(record->submission.execTimeMs);
        for (const auto& test : submission.tests) {
          runs.push_back({{"id", judgementId + "-" + str(test.index)},
                          {"judgement_id", judgementId},
                          {"ordinal", test.index},
                          {"judgement_type_id", judgementTypeId(test.verdict)},
                          {"time", ccsTime(endedAt)},
                          {"contest_time", contestTime(endedAt)},
                          {"run_time", seconds(test.timeMs)}});
        }
      }
      judgements.push_back(std::move(judgement));
    }
    fill(snapshot, "submissions", std::move(list));
    fill(snapshot, "judgements", std::move(judgements));
    fill(snapshot, "runs", std::move(runs));
    return {};
  }

  json teamIdOf(std::int64_t userId) const {
    const auto it = m_teamOfUser.find(userId);
    return it == m_teamOfUser.end() ? json(nullptr) : json(str(it->second));
  }

  json clarification(const std::string& id, json from, json to, json replyTo,
                     const std::optional<std::int64_t>& problemId, const std::string& text,
                     Timestamp at) const {
    return {{"id", id},
            {"from_team_id", std::move(from)},
            {"to_team_id", std::move(to)},
            {"reply_to_id", std::move(replyTo)},
            {"problem_id", problemId ? json(str(*problemId)) : json(nullptr)},
            {"text", text},
            {"time", ccsTime(at)},
            {"contest_time", contestTime(at)}};
  }

  Result<json> clarificationObjects() const {
    auto rows = m_sources.clarifications.listForContest(m_record.contest.id);
    if (!rows) return std::unexpected(rows.error());
    json list = json::array();
    for (const auto& row : *rows) {
      if (row.isAnnouncement()) {
        list.push_back(clarification("n" + str(row.id), nullptr, nullptr, nullptr, row.problemId,
                                     row.answer.value_or(""), row.createdAt));
        continue;
      }
      const json asker = teamIdOf(row.fromUserId);
      const bool own = m_viewer.teamId && asker == json(str(*m_viewer.teamId));
      if (!jury() && !own && !(row.answer && row.toAll)) continue;
      list.push_back(clarification("q" + str(row.id), asker, nullptr, nullptr, row.problemId,
                                   *row.question, row.createdAt));
      if (row.answer) {
        list.push_back(clarification("a" + str(row.id), nullptr, row.toAll ? json(nullptr) : asker,
                                     "q" + str(row.id), row.problemId, *row.answer,
                                     row.answeredAt.value_or(row.createdAt)));
      }
    }
    return list;
  }

  CcsSources& m_sources;
  const storage::ContestRecord& m_record;
  const Viewer& m_viewer;
  Timestamp m_now;
  std::map<std::int64_t, std::int64_t> m_teamOfUser;
};

}  // namespace

const nlohmann::json* CcsSnapshot::collection(const std::string& type) const {
  const auto at = std::find(kCollectionTypes.begin(), kCollectionTypes.end(), type);
  if (at == kCollectionTypes.end()) return nullptr;
  return &collections[static_cast<std::size_t>(at - kCollectionTypes.begin())];
}

Result<CcsSnapshot> collect(CcsSources& sources, const storage::ContestRecord& contest,
                            const Viewer& viewer, Timestamp now) {
  return Builder(sources, contest, viewer, now).build();
}

}  // namespace arena::server::ccs_api
