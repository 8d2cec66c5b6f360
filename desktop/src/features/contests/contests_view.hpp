#pragma once
// The Contests tab: the contest list with live countdowns; for the chosen contest its problem
// set, its scoreboard and its clarifications.
//
// Theory of operation: GET /api/contests gives the contests and server_time, from which the
// ServerClock keeps the skew; a one-second tick redraws every countdown from that clock, and
// when the chosen contest's start passes, its problems are fetched again (before the start the
// server answers 403, shown as the countdown, not as an error). Choosing a contest subscribes
// to its live channel contest:<id>: contest.scoreboard refetches the board, announcement and
// clarification.answered are merged into the list and raised as a notification (signal
// `notification`, the window shows it and badges the tab), contest.updated refetches the list.
// A live reconnect refetches everything (events missed while away are not replayed).

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>
#include <optional>
#include <vector>

#include "features/contests/clarification_feed.hpp"
#include "features/contests/contest_clock.hpp"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace arena::desktop {

class AppContext;

class ContestsView : public QWidget {
  Q_OBJECT
 public:
  explicit ContestsView(AppContext& app, QWidget* parent = nullptr);

  void reload();
  // Chooses a contest (as a click on its row does); false when the list does not hold it.
  bool selectContest(qint64 id);
  qint64 currentContestId() const { return m_current ? m_current->id : 0; }

  // What the tests (and the window's badge) look at.
  const std::vector<ContestInfo>& contests() const { return m_contests; }
  QTableWidget& contestTable() { return *m_list; }
  QTableWidget& problemTable() { return *m_problems; }
  QTableWidget& scoreboardTable() { return *m_board; }
  QListWidget& clarificationList() { return *m_clarifications; }
  QString problemsStatus() const;
  QString lastNotification() const { return m_lastNotification; }
  const ServerClock& clock() const { return m_clock; }

 public slots:
  void askQuestion();

 signals:
  void openProblem(const QString& slug, qint64 contestId);
  void notification(const QString& text);

 private:
  void onLiveEvent(const QString& type, const QJsonObject& payload);
  void tick();
  void showContest(const ContestInfo& contest);
  void loadProblems();
  void loadScoreboard();
  void loadClarifications();
  void renderClarifications();
  void renderStatusColumn();

  AppContext& m_app;
  ServerClock m_clock;
  std::vector<ContestInfo> m_contests;
  std::optional<ContestInfo> m_current;
  bool m_problemsLoaded = false;    // fetched, or a fetch in flight
  bool m_waitingForStart = false;   // the server said 403 before the start
  QHash<qint64, QString> m_labels;  // problem id -> label, for the current contest
  std::vector<Clarification> m_clarificationItems;
  QSet<qint64> m_subscribed;
  QString m_lastNotification;
  QTimer m_tick;

  QTableWidget* m_list;
  QLabel* m_listStatus;
  QLabel* m_title;
  QLabel* m_countdown;
  QLabel* m_banner;
  QTabWidget* m_pages;
  QLabel* m_problemsNote;
  QTableWidget* m_problems;
  QLabel* m_boardNote;
  QTableWidget* m_board;
  QListWidget* m_clarifications;
  QComboBox* m_askProblem;
  QLineEdit* m_askText;
  QPushButton* m_ask;
};

}  // namespace arena::desktop
