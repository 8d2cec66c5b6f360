#include "arena/scoring/icpc_scoreboard.hpp"

#include <algorithm>
#include <string>

namespace arena::scoring {
namespace {

using model::Verdict;

std::int64_t contestMinute(ContestTime time) {
  return std::chrono::duration_cast<std::chrono::minutes>(time).count();
}

}  // namespace

IcpcScoreboard::IcpcScoreboard(std::vector<std::int64_t> problemIds,
                               std::vector<std::int64_t> teamIds, IcpcOptions options)
    : m_problemIds(std::move(problemIds)), m_teamIds(std::move(teamIds)), m_options(options) {
  for (std::size_t i = 0; i < m_problemIds.size(); ++i) m_problemIndex[m_problemIds[i]] = i;
  for (std::size_t i = 0; i < m_teamIds.size(); ++i) m_teamIndex[m_teamIds[i]] = i;
  m_cells.assign(m_teamIds.size(), std::vector<Cell>(m_problemIds.size()));
  rebuild();
}

Result<ScoreboardChange> IcpcScoreboard::addTeam(std::int64_t teamId) {
  if (m_teamIndex.contains(teamId))
    return fail(ErrorCode::Conflict, "team " + std::to_string(teamId) + " is already on the board");
  m_teamIndex[teamId] = m_teamIds.size();
  m_teamIds.push_back(teamId);
  m_cells.emplace_back(m_problemIds.size());
  ScoreboardChange change;
  for (View* view : {&m_public, &m_jury}) {
    view->acceptedAt.emplace_back(m_problemIds.size());
    IcpcRow row{teamId, 0, 0, 0, 0, std::vector<IcpcCell>(m_problemIds.size())};
    view->rows.insert(std::move(row),
                      view == &m_public ? change.publicRows : change.juryRows);
  }
  return change;
}

Result<ScoreboardChange> IcpcScoreboard::apply(const ScoredSubmission& submission) {
  const auto located = locate(m_teamIndex, m_problemIndex, submission);
  if (!located) return std::unexpected(located.error());

  const Located at = *located;
  const auto known = m_submissions.find(submission.id);
  if (known != m_submissions.end() &&
      (known->second.team != at.team || known->second.problem != at.problem))
    return fail(ErrorCode::InvalidArgument, "submission " + std::to_string(submission.id) +
                                                " was already scored for another team or problem");

  auto& entries = m_cells[at.team][at.problem].entries;
  if (known != m_submissions.end()) {
    std::erase_if(entries, [&](const Entry& entry) { return entry.id == submission.id; });
  } else {
    m_submissions.emplace(submission.id, at);
  }
  const Entry entry{submission.id, submission.time, submission.verdict};
  const auto position = std::lower_bound(
      entries.begin(), entries.end(), entry, [](const Entry& a, const Entry& b) {
        return std::tie(a.time, a.id) < std::tie(b.time, b.id);
      });
  entries.insert(position, entry);

  ScoreboardChange change;
  refresh(m_public, at.team, at.problem, change.publicRows);
  refresh(m_jury, at.team, at.problem, change.juryRows);
  return change;
}

IcpcCell IcpcScoreboard::deriveCell(const Cell& cell, ScoreboardView view,
                                    std::optional<ContestTime>& acceptedAt) const {
  IcpcCell result;
  acceptedAt.reset();
  std::int32_t rejected = 0;
  for (const Entry& entry : cell.entries) {
    const bool hidden = view == ScoreboardView::Public && m_options.freezeAt &&
                        entry.time >= *m_options.freezeAt;
    if (hidden || !entry.verdict || model::isJudgeFault(*entry.verdict)) {
      ++result.numPending;
      continue;
    }
    if (!model::countsAsTry(*entry.verdict)) continue;  // a compile error
    if (*entry.verdict == Verdict::Accepted) {
      result.solved = true;
      result.time = contestMinute(entry.time);
      result.penalty = result.time + m_options.penaltyPerTry * rejected;
      acceptedAt = entry.time;
      break;
    }
    ++rejected;
  }
  result.numJudged = rejected + (result.solved ? 1 : 0);
  return result;
}

std::optional<ContestTime> IcpcScoreboard::earliestSolve(const View& view,
                                                         std::size_t problem) const {
  std::optional<ContestTime> earliest;
  for (const auto& team : view.acceptedAt) {
    const auto& at = team[problem];
    if (at && (!earliest || *at < *earliest)) earliest = at;
  }
  return earliest;
}

void IcpcScoreboard::refresh(View& view, std::size_t team, std::size_t problem,
                             std::vector<std::int64_t>& changed) {
  std::optional<ContestTime> acceptedAt;
  IcpcCell cell = deriveCell(m_cells[team][problem], view.kind, acceptedAt);
  const bool acceptedMoved = view.acceptedAt[team][problem] != acceptedAt;
  view.acceptedAt[team][problem] = acceptedAt;

  const auto previousFirst = view.firstSolve[problem];
  if (acceptedMoved) view.firstSolve[problem] = earliestSolve(view, problem);
  const auto& first = view.firstSolve[problem];

  cell.firstToSolve = acceptedAt && acceptedAt == first;
  IcpcRow row = view.rows.row(m_teamIds[team]);
  row.cells[problem] = cell;
  row.recomputeTotals();
  view.rows.replace(std::move(row), changed);

  if (previousFirst == first) return;
  // The first solve moved: teams holding the old mark lose it, teams at the new time gain it.
  for (std::size_t other = 0; other < m_teamIds.size(); ++other) {
    if (other == team) continue;
    const auto& at = view.acceptedAt[other][problem];
    if (!at || (at != previousFirst && at != first)) continue;
    IcpcRow otherRow = view.rows.row(m_teamIds[other]);
    otherRow.cells[problem].firstToSolve = at == first;
    view.rows.replace(std::move(otherRow), changed);
  }
}

void IcpcScoreboard::rebuild() {
  for (View* view : {&m_public, &m_jury}) {
    view->acceptedAt.assign(m_teamIds.size(),
                            std::vector<std::optional<ContestTime>>(m_problemIds.size()));
    std::vector<IcpcRow> rows;
    rows.reserve(m_teamIds.size());
    for (std::size_t team = 0; team < m_teamIds.size(); ++team) {
      IcpcRow row{m_teamIds[team], 0, 0, 0, 0, {}};
      row.cells.reserve(m_problemIds.size());
      for (std::size_t problem = 0; problem < m_problemIds.size(); ++problem)
        row.cells.push_back(
            deriveCell(m_cells[team][problem], view->kind, view->acceptedAt[team][problem]));
      rows.push_back(std::move(row));
    }
    view->firstSolve.assign(m_problemIds.size(), std::nullopt);
    for (std::size_t problem = 0; problem < m_problemIds.size(); ++problem) {
      view->firstSolve[problem] = earliestSolve(*view, problem);
      for (std::size_t team = 0; team < m_teamIds.size(); ++team) {
        const auto& at = view->acceptedAt[team][problem];
        rows[team].cells[problem].firstToSolve = at && at == view->firstSolve[problem];
      }
    }
    for (IcpcRow& row : rows) row.recomputeTotals();
    view->rows.reset(std::move(rows));
  }
}

const std::vector<IcpcRow>& IcpcScoreboard::rows(ScoreboardView view) const {
  return viewOf(view).rows.rows();
}

const IcpcRow& IcpcScoreboard::row(ScoreboardView view, std::int64_t teamId) const {
  return viewOf(view).rows.row(teamId);
}

}  // namespace arena::scoring
