#pragma once
// One open problem: the statement on the left; on the right the editor (with its language,
// find/replace bar and saved code), the actions (run samples, run custom input, submit) and
// the results: local runs per test, and the submission's live progress and verdict.

#include <QJsonObject>
#include <QWidget>

#include "arena/model/problem.hpp"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;

namespace arena::desktop {

class AppContext;
class CodeEditor;
class EditorSession;
class FindBar;
class RunResultsView;
struct LocalRunReport;

class ProblemView : public QWidget {
  Q_OBJECT
 public:
  ProblemView(AppContext& app, const QJsonObject& problem, QWidget* parent = nullptr);

  QString slug() const { return m_slug; }
  qint64 problemId() const { return m_problem.value("id").toInteger(); }
  CodeEditor& editor() { return *m_editor; }
  EditorSession& session() { return *m_session; }
  RunResultsView& results() { return *m_results; }
  QString submissionStatus() const;
  // Submissions from this view count for the contest (0: practice). Set when opened from a
  // contest's problem set.
  void setContestId(qint64 contestId);
  qint64 contestId() const { return m_contestId; }

 public slots:
  void runSamples();
  void runCustom();
  void submit();
  void setFontSize(int points);

 private:
  model::Limits limits() const;
  void onRunFinished(const LocalRunReport& report);

  AppContext& m_app;
  QJsonObject m_problem;
  QString m_slug;
  QTextBrowser* m_statement;
  CodeEditor* m_editor;
  EditorSession* m_session;
  FindBar* m_find;
  QComboBox* m_language;
  QPushButton* m_run;
  QPushButton* m_runCustom;
  QPushButton* m_submit;
  QTabWidget* m_bottom;
  RunResultsView* m_results;
  QPlainTextEdit* m_customInput;
  QLabel* m_submission;
  QLabel* m_isolation;
  bool m_runIsMine = false;
  qint64 m_lastSubmissionId = 0;
  QString m_lastClientId;
  qint64 m_contestId = 0;
};

}  // namespace arena::desktop
