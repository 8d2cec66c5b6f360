#pragma once
// The main window: tabs for the problem list, each open problem, my submissions and the
// leaderboard; a status bar saying online/offline, live or polling, and the outbox size.

#include <QMainWindow>
#include <functional>

class QTabWidget;
class QLabel;

namespace arena::desktop {

class AppContext;
class ProblemListView;
class ProblemView;
class SubmissionsView;
class LeaderboardView;
class ContestsView;
class DuelsView;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(AppContext& app, QWidget* parent = nullptr);

  // Opens (or focuses) a problem's tab; `ready` gets the view once shown (nullptr when the
  // problem is neither on the server nor cached).
  void openProblem(const QString& slug, std::function<void(ProblemView*)> ready = {});
  ProblemListView& problemList() { return *m_problems; }
  ContestsView& contests() { return *m_contests; }
  DuelsView& duels() { return *m_duels; }
  QTabWidget& tabs() { return *m_tabs; }
  void showConnectDialog();
  void afterLogin();

 private:
  void updateStatus();
  AppContext& m_app;
  QTabWidget* m_tabs;
  ProblemListView* m_problems;
  SubmissionsView* m_submissions;
  LeaderboardView* m_leaderboard;
  ContestsView* m_contests;
  DuelsView* m_duels;
  int m_unreadContestNews = 0;  // the Contests tab's badge
  QLabel* m_connection;
};

}  // namespace arena::desktop
