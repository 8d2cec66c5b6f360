#include "features/problems/problem_view.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "app/app_context.hpp"
#include "features/editor/code_editor.hpp"
#include "features/editor/editor_session.hpp"
#include "features/editor/find_bar.hpp"
#include "features/problems/statement_renderer.hpp"
#include "features/runner/run_results_view.hpp"

namespace arena::desktop {

namespace {
// The server's languages when the runner is missing (the ids of sandbox/languages.json).
const QStringList kFallbackLanguages = {"cpp20", "cpp17", "c", "python3", "java17", "javascript"};
}

ProblemView::ProblemView(AppContext& app, const QJsonObject& problem, QWidget* parent)
    : QWidget(parent), m_app(app), m_problem(problem), m_slug(problem.value("slug").toString()),
      m_statement(new QTextBrowser), m_editor(new CodeEditor), m_find(new FindBar(m_editor)),
      m_language(new QComboBox), m_run(new QPushButton(tr("Run samples"))),
      m_runCustom(new QPushButton(tr("Run custom input"))), m_submit(new QPushButton(tr("Submit"))),
      m_bottom(new QTabWidget), m_results(new RunResultsView), m_customInput(new QPlainTextEdit),
      m_submission(new QLabel), m_isolation(new QLabel) {
  m_session = new EditorSession(*m_editor, app.store(), m_slug, this);
  m_statement->setOpenExternalLinks(false);
  m_statement->document()->setMarkdown(statementMarkdown(problem));

  if (LocalRunner* runner = app.runner()) {
    for (const judge::Language* language : runner->languages()) {
      m_language->addItem(QString::fromStdString(language->name), QString::fromStdString(language->id));
    }
    m_isolation->setText(tr("Local runs: %1").arg(runner->isolationDescription()));
  } else {
    for (const QString& id : kFallbackLanguages) m_language->addItem(id, id);
    m_isolation->setText(tr("Local runner unavailable: %1").arg(app.runnerError()));
    m_run->setEnabled(false);
    m_runCustom->setEnabled(false);
  }
  const QString saved = app.store().setting("language/" + m_slug, app.store().setting("language", "cpp20"));
  const int index = std::max(0, m_language->findData(saved));
  m_language->setCurrentIndex(index);
  m_session->setLanguage(m_language->currentData().toString());
  m_editor->setFontSize(app.store().setting("font_size", "11").toInt());
  connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
    m_session->setLanguage(m_language->currentData().toString());
    m_app.store().setSetting("language", m_language->currentData().toString());
  });

  auto* actions = new QHBoxLayout;
  actions->addWidget(m_language);
  actions->addWidget(m_run);
  actions->addWidget(m_runCustom);
  actions->addWidget(m_submit);
  actions->addStretch();
  actions->addWidget(m_submission);

  m_customInput->setPlaceholderText(tr("Custom input for “Run custom input”"));
  m_bottom->addTab(m_results, tr("Local run"));
  m_bottom->addTab(m_customInput, tr("Custom input"));

  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addLayout(actions);
  auto* editorSplit = new QSplitter(Qt::Vertical);
  auto* editorBox = new QWidget;
  auto* editorLayout = new QVBoxLayout(editorBox);
  editorLayout->setContentsMargins(0, 0, 0, 0);
  editorLayout->addWidget(m_editor);
  editorLayout->addWidget(m_find);
  editorSplit->addWidget(editorBox);
  editorSplit->addWidget(m_bottom);
  editorSplit->setStretchFactor(0, 3);
  editorSplit->setStretchFactor(1, 1);
  rightLayout->addWidget(editorSplit);
  rightLayout->addWidget(m_isolation);

  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(m_statement);
  split->addWidget(right);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  // Stretch factors only share out growth; the first layout needs sizes to give the statement
  // its two fifths (the splitter scales these to its real width).
  split->setSizes({400, 600});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(split);

  connect(m_run, &QPushButton::clicked, this, &ProblemView::runSamples);
  connect(m_runCustom, &QPushButton::clicked, this, &ProblemView::runCustom);
  connect(m_submit, &QPushButton::clicked, this, &ProblemView::submit);
  auto* findKey = new QShortcut(QKeySequence::Find, this);
  connect(findKey, &QShortcut::activated, m_find, &FindBar::showFind);
  auto* replaceKey = new QShortcut(QKeySequence::Replace, this);
  connect(replaceKey, &QShortcut::activated, m_find, &FindBar::showReplace);
  auto* replaceKey2 = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_H), this);
  connect(replaceKey2, &QShortcut::activated, m_find, &FindBar::showReplace);

  if (LocalRunner* runner = app.runner()) {
    connect(runner, &LocalRunner::testFinished, this, [this](int, const LocalTestResult& r) {
      if (m_runIsMine) m_results->addTest(r);
    });
    connect(runner, &LocalRunner::finished, this, &ProblemView::onRunFinished);
  }

  // Submission progress for this problem.
  connect(&app.sync(), &SubmissionSync::sent, this,
          [this](const QString& clientId, qint64 id, const QJsonObject&) {
            if (clientId != m_lastClientId) return;
            m_lastSubmissionId = id;
            m_submission->setText(tr("Submission #%1: queued").arg(id));
          });
  connect(&app.sync(), &SubmissionSync::rejected, this, [this](const QString& clientId, const QString& why) {
    if (clientId == m_lastClientId) m_submission->setText(tr("Refused by the server: %1").arg(why));
  });
  connect(&app.tracker(), &SubmissionTracker::progress, this,
          [this](qint64 id, const QString& stage, int test, int total, const QString& verdict) {
            if (id != m_lastSubmissionId) return;
            if (stage == "compiling") m_submission->setText(tr("Submission #%1: compiling…").arg(id));
            else
              m_submission->setText(tr("Submission #%1: test %2/%3 %4").arg(id).arg(test).arg(total).arg(verdict));
          });
  connect(&app.tracker(), &SubmissionTracker::judged, this, [this](const QJsonObject& s) {
    if (s.value("id").toInteger() != m_lastSubmissionId) return;
    m_submission->setText(tr("Submission #%1: %2 (%3 ms, %4 KiB)")
                              .arg(m_lastSubmissionId)
                              .arg(s.value("verdict").toString())
                              .arg(s.value("exec_time_ms").toInt())
                              .arg(s.value("memory_kb").toInt()));
  });
}

QString ProblemView::submissionStatus() const { return m_submission->text(); }

model::Limits ProblemView::limits() const {
  const QJsonObject l = m_problem.value("limits").toObject();
  model::Limits limits;
  limits.timeLimitMs = l.value("time_limit_ms").toInt(limits.timeLimitMs);
  limits.memoryLimitKb = l.value("memory_limit_kb").toInt(limits.memoryLimitKb);
  limits.outputLimitKb = l.value("output_limit_kb").toInt(limits.outputLimitKb);
  return limits;
}

void ProblemView::runSamples() {
  LocalRunner* runner = m_app.runner();
  if (runner == nullptr || runner->busy()) return;
  std::vector<LocalTestCase> tests;
  const QJsonArray samples = m_problem.value("samples").toArray();
  for (qsizetype i = 0; i < samples.size(); ++i) {
    const QJsonObject s = samples.at(i).toObject();
    tests.push_back({tr("sample %1").arg(i + 1), s.value("input").toString(), s.value("output").toString()});
  }
  m_results->clear(tr("Compiling and running %1 samples…").arg(tests.size()));
  m_bottom->setCurrentWidget(m_results);
  m_runIsMine = runner->start(m_session->language(), m_session->code(), limits(), std::move(tests));
}

void ProblemView::runCustom() {
  LocalRunner* runner = m_app.runner();
  if (runner == nullptr || runner->busy()) return;
  m_results->clear(tr("Running with custom input…"));
  m_bottom->setCurrentWidget(m_results);
  m_runIsMine = runner->start(m_session->language(), m_session->code(), limits(),
                              {{tr("custom"), m_customInput->toPlainText(), std::nullopt}});
}

void ProblemView::onRunFinished(const LocalRunReport& report) {
  if (!m_runIsMine) return;
  m_runIsMine = false;
  m_results->finish(report);
}

void ProblemView::submit() {
  m_lastSubmissionId = 0;
  m_lastClientId =
      m_app.sync().submit(problemId(), m_slug, m_session->language(), m_session->code(), m_contestId);
  m_submission->setText(m_app.api().online() ? tr("Sending…")
                                             : tr("Offline: saved in the outbox, sent when the server is back"));
}

void ProblemView::setFontSize(int points) { m_editor->setFontSize(points); }

void ProblemView::setContestId(qint64 contestId) {
  m_contestId = contestId;
  m_submit->setText(contestId > 0 ? tr("Submit to contest") : tr("Submit"));
}

}  // namespace arena::desktop
