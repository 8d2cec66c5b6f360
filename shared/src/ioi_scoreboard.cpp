#include "arena/scoring/ioi_scoreboard.hpp"

#include <algorithm>
#include <string>

namespace arena::scoring {

IoiScoreboard::IoiScoreboard(std::vector<std::int64_t> problemIds,
                             std::vector<std::int64_t> teamIds, IoiOptions options)
    : m_problemIds(std::move(problemIds)), m_teamIds(std::move(teamIds)), m_options(options) {
  for (std::size_t i = 0; i < m_problemIds.size(); ++i) m_problemIndex[m_problemIds[i]] = i;
  for (std::size_t i = 0; i < m_teamIds.size(); ++i) m_teamIndex[m_teamIds[i]] = i;
  m_entries.assign(m_teamIds.size(), std::vector<std::vector<Entry>>(m_problemIds.size()));
  rebuild();
}

Result<ScoreboardChange> IoiScoreboard::addTeam(std::int64_t teamId) {
  if (m_teamIndex.contains(teamId))
    return fail(ErrorCode::Conflict, "team " + std::to_string(teamId) + " is already on the board");
  m_teamIndex[teamId] = m_teamIds.size();
  m_teamIds.push_back(teamId);
  m_entries.emplace_back(m_problemIds.size());
  ScoreboardChange change;
  m_public.insert(IoiRow{teamId, 0, 0.0, std::vector<IoiCell>(m_problemIds.size())},
                  change.publicRows);
  m_jury.insert(IoiRow{teamId, 0, 0.0, std::vector<IoiCell>(m_problemIds.size())},
                change.juryRows);
  return change;
}

Result<ScoreboardChange> IoiScoreboard::apply(const ScoredSubmission& submission) {
  const auto located = locate(m_teamIndex, m_problemIndex, submission);
  if (!located) return std::unexpected(located.error());
  for (const double points : submission.subtaskScores) {
    if (!std::isfinite(points) || points < 0.0)
      return fail(ErrorCode::InvalidArgument, "subtask points must be finite and not negative");
  }

  const Located at = *located;
  const auto known = m_submissions.find(submission.id);
  if (known != m_submissions.end() &&
      (known->second.team != at.team || known->second.problem != at.problem))
    return fail(ErrorCode::InvalidArgument, "submission " + std::to_string(submission.id) +
                                                " was already scored for another team or problem");

  auto& entries = m_entries[at.team][at.problem];
  if (known != m_submissions.end()) {
    std::erase_if(entries, [&](const Entry& entry) { return entry.id == submission.id; });
  } else {
    m_submissions.emplace(submission.id, at);
  }
  Entry entry{submission.id, submission.time, submission.verdict, submission.subtaskScores};
  const auto position = std::lower_bound(
      entries.begin(), entries.end(), entry, [](const Entry& a, const Entry& b) {
        return std::tie(a.time, a.id) < std::tie(b.time, b.id);
      });
  entries.insert(position, std::move(entry));

  ScoreboardChange change;
  refresh(ScoreboardView::Public, at.team, at.problem, change.publicRows);
  refresh(ScoreboardView::Jury, at.team, at.problem, change.juryRows);
  return change;
}

IoiCell IoiScoreboard::deriveCell(const std::vector<Entry>& entries, ScoreboardView view) const {
  IoiCell cell;
  std::vector<double> bestPerSubtask;
  for (const Entry& entry : entries) {
    const bool hidden = view == ScoreboardView::Public && m_options.freezeAt &&
                        entry.time >= *m_options.freezeAt;
    if (hidden || !entry.verdict || model::isJudgeFault(*entry.verdict)) {
      ++cell.numPending;
      continue;
    }
    ++cell.numJudged;
    if (*entry.verdict == model::Verdict::CompileError) continue;
    if (m_options.scoring == IoiScoring::BestSubmission) {
      double sum = 0.0;
      for (const double points : entry.subtaskScores) sum += points;
      cell.score = std::max(cell.score, sum);
    } else {
      if (bestPerSubtask.size() < entry.subtaskScores.size())
        bestPerSubtask.resize(entry.subtaskScores.size(), 0.0);
      for (std::size_t i = 0; i < entry.subtaskScores.size(); ++i)
        bestPerSubtask[i] = std::max(bestPerSubtask[i], entry.subtaskScores[i]);
    }
  }
  if (m_options.scoring == IoiScoring::BestPerSubtask) {
    for (const double points : bestPerSubtask) cell.score += points;
  }
  return cell;
}

void IoiScoreboard::refresh(ScoreboardView view, std::size_t team, std::size_t problem,
                            std::vector<std::int64_t>& changed) {
  RankedRows<IoiRow>& rows = viewOf(view);
  IoiRow row = rows.row(m_teamIds[team]);
  row.cells[problem] = deriveCell(m_entries[team][problem], view);
  row.recomputeTotals();
  rows.replace(std::move(row), changed);
}

void IoiScoreboard::rebuild() {
  for (const ScoreboardView view : {ScoreboardView::Public, ScoreboardView::Jury}) {
    std::vector<IoiRow> rows;
    rows.reserve(m_teamIds.size());
    for (std::size_t team = 0; team < m_teamIds.size(); ++team) {
      IoiRow row{m_teamIds[team], 0, 0.0, {}};
      row.cells.reserve(m_problemIds.size());
      for (std::size_t problem = 0; problem < m_problemIds.size(); ++problem)
        row.cells.push_back(deriveCell(m_entries[team][problem], view));
      row.recomputeTotals();
      rows.push_back(std::move(row));
    }
    viewOf(view).reset(std::move(rows));
  }
}

const std::vector<IoiRow>& IoiScoreboard::rows(ScoreboardView view) const {
  return viewOf(view).rows();
}

const IoiRow& IoiScoreboard::row(ScoreboardView view, std::int64_t teamId) const {
  return viewOf(view).row(teamId);
}

}  // namespace arena::scoring
