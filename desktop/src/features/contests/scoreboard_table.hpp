#pragma once
// A contest scoreboard (GET /api/contests/{id}/scoreboard) turned into what the table shows.
//
// The server's rows follow the ICPC Contest API's /scoreboard: per team a rank, a score
// (ICPC: num_solved + total_time; IOI: total) and per problem a cell. A cell with pending runs
// is "pending": after the freeze the public board shows every later try that way, so the
// contestant sees that something happened but not what. Pure logic, tested on its own.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace arena::desktop {

struct ScoreboardCell {
  enum class Kind { Empty, Solved, Failed, Pending };
  Kind kind = Kind::Empty;
  QString text;  // "+", "+2", "-3", "?" with tries, "85" (IOI points)
  bool firstToSolve = false;
};

struct ScoreboardRow {
  int rank = 0;
  qint64 teamId = 0;
  QString team;
  QString score;                      // ICPC "2 · 85" (solved · penalty minutes); IOI "172.5"
  std::vector<ScoreboardCell> cells;  // in the order of ScoreboardTable::labels
};

struct ScoreboardTable {
  bool frozen = false;
  bool ioi = false;
  QStringList labels;  // problem labels, A, B, ...
  std::vector<ScoreboardRow> rows;
};

ScoreboardTable scoreboardFromJson(const QJsonObject& json);

}  // namespace arena::desktop
