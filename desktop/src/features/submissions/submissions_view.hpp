#pragma once
// My submissions: the outbox's unsent ones first (pending, or refused), then what the server
// has, newest first, updated live by the tracker.

#include <QWidget>

class QTableWidget;

namespace arena::desktop {

class AppContext;

class SubmissionsView : public QWidget {
  Q_OBJECT
 public:
  SubmissionsView(AppContext& app, QWidget* parent = nullptr);
  void reload();
  int rowCount() const;

 private:
  AppContext& m_app;
  QTableWidget* m_table;
};

}  // namespace arena::desktop
