#pragma once
// The leaderboard (GET /api/leaderboard/top), refetched when the live channel says it changed.

#include <QWidget>

class QTableWidget;
class QLabel;

namespace arena::desktop {

class AppContext;

class LeaderboardView : public QWidget {
  Q_OBJECT
 public:
  LeaderboardView(AppContext& app, QWidget* parent = nullptr);
  void reload();

 private:
  AppContext& m_app;
  QTableWidget* m_table;
  QLabel* m_status;
};

}  // namespace arena::desktop
