#pragma once
// The problem list: title, difficulty and whether the contestant has solved it (an accepted
// submission of theirs, as far as this machine knows). Double-click opens a problem.

#include <QJsonArray>
#include <QWidget>

class QTableWidget;
class QComboBox;
class QLabel;

namespace arena::desktop {

class AppContext;

class ProblemListView : public QWidget {
  Q_OBJECT
 public:
  ProblemListView(AppContext& app, QWidget* parent = nullptr);
  void reload();
  int rowCount() const;

 signals:
  void openProblem(const QString& slug);

 private:
  void show(const QJsonArray& problems, bool fromCache);
  AppContext& m_app;
  QTableWidget* m_table;
  QComboBox* m_difficulty;
  QLabel* m_status;
  QJsonArray m_problems;
};

}  // namespace arena::desktop
