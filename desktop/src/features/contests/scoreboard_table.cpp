#include "features/contests/scoreboard_table.hpp"

#include <QHash>
#include <QJsonArray>
#include <cmath>

namespace arena::desktop {
namespace {

QString points(double value) {
  return QString::number(value, 'f', std::trunc(value) == value ? 0 : 1);
}

ScoreboardCell icpcCell(const QJsonObject& cell) {
  ScoreboardCell out;
  const int judged = cell.value("num_judged").toInt();
  const int pending = cell.value("num_pending").toInt();
  if (cell.value("solved").toBool()) {
    out.kind = ScoreboardCell::Kind::Solved;
    // Tries before the accepted one, as "+2"; the accepted minute follows.
    const int earlier = judged - 1;
    out.text = (earlier > 0 ? QString("+%1").arg(earlier) : QString("+")) +
               QString(" (%1)").arg(cell.value("time").toInt());
    out.firstToSolve = cell.value("first_to_solve").toBool();
  } else if (pending > 0) {
    out.kind = ScoreboardCell::Kind::Pending;
    out.text =
        judged > 0 ? QString("? -%1+%2").arg(judged).arg(pending) : QString("? %1").arg(pending);
  } else if (judged > 0) {
    out.kind = ScoreboardCell::Kind::Failed;
    out.text = QString("-%1").arg(judged);
  }
  return out;
}

ScoreboardCell ioiCell(const QJsonObject& cell) {
  ScoreboardCell out;
  const int judged = cell.value("num_judged").toInt();
  const int pending = cell.value("num_pending").toInt();
  const double score = cell.value("score").toDouble();
  if (pending > 0) {
    out.kind = ScoreboardCell::Kind::Pending;
    out.text = judged > 0 ? QString("%1 ?").arg(points(score)) : QString("?");
  } else if (judged > 0) {
    out.kind = score > 0 ? ScoreboardCell::Kind::Solved : ScoreboardCell::Kind::Failed;
    out.text = points(score);
  }
  return out;
}

}  // namespace

ScoreboardTable scoreboardFromJson(const QJsonObject& json) {
  ScoreboardTable table;
  table.frozen = json.value("frozen").toBool();
  table.ioi = json.value("rules").toString() == "ioi";

  // Columns in the contest's order; before the start problems carry no id (labels only).
  QHash<qint64, int> column;
  const QJsonArray problems = json.value("problems").toArray();
  for (const auto& value : problems) {
    const QJsonObject problem = value.toObject();
    if (problem.contains("problem_id"))
      column.insert(problem.value("problem_id").toInteger(), static_cast<int>(table.labels.size()));
    table.labels << problem.value("label").toString();
  }
  QHash<qint64, QString> names;
  for (const auto& value : json.value("teams").toArray()) {
    const QJsonObject team = value.toObject();
    names.insert(team.value("id").toInteger(), team.value("name").toString());
  }

  for (const auto& value : json.value("rows").toArray()) {
    const QJsonObject row = value.toObject();
    ScoreboardRow out;
    out.rank = row.value("rank").toInt();
    out.teamId = row.value("team_id").toInteger();
    out.team = names.value(out.teamId, QString("#%1").arg(out.teamId));
    const QJsonObject score = row.value("score").toObject();
    out.score = table.ioi ? points(score.value("total").toDouble())
                          : QString("%1 · %2")
                                .arg(score.value("num_solved").toInt())
                                .arg(score.value("total_time").toInt());
    out.cells.resize(static_cast<std::size_t>(table.labels.size()));
    for (const auto& cellValue : row.value("problems").toArray()) {
      const QJsonObject cell = cellValue.toObject();
      const auto at = column.find(cell.value("problem_id").toInteger());
      if (at == column.end()) continue;  // a problem the head does not name: ignore, do not crash
      out.cells[static_cast<std::size_t>(*at)] = table.ioi ? ioiCell(cell) : icpcCell(cell);
    }
    table.rows.push_back(std::move(out));
  }
  return table;
}

}  // namespace arena::desktop
