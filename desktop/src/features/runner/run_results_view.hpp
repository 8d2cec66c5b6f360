#pragma once
// Local run results: one row per test (verdict, time, memory) and, for the selected test, the
// input, the expected output beside the actual one with differing lines marked, and stderr.

#include <QWidget>
#include <vector>

#include "services/local_runner.hpp"

class QTableWidget;
class QPlainTextEdit;
class QLabel;

namespace arena::desktop {

class RunResultsView : public QWidget {
  Q_OBJECT
 public:
  explicit RunResultsView(QWidget* parent = nullptr);
  void clear(const QString& message);
  void addTest(const LocalTestResult& result);
  void finish(const LocalRunReport& report);
  int testRows() const;

 private:
  void showTest(int row);
  QLabel* m_summary;
  QTableWidget* m_table;
  QPlainTextEdit* m_expected;
  QPlainTextEdit* m_actual;
  QPlainTextEdit* m_details;
  std::vector<LocalTestResult> m_results;
};

}  // namespace arena::desktop
