#include "features/contests/contests_view.hpp"

#include <QColor>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "app/app_context.hpp"
#include "features/contests/scoreboard_table.hpp"

namespace arena::desktop {
namespace {

QTableWidget* readOnlyTable(int columns, const QStringList& headers) {
  auto* table = new QTableWidget(0, columns);
  table->setHorizontalHeaderLabels(headers);
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->setSelectionBehavior(QAbstractItemView::SelectRows);
  table->setSelectionMode(QAbstractItemView::SingleSelection);
  return table;
}

QColor cellColour(ScoreboardCell::Kind kind, bool firstToSolve) {
  switch (kind) {
    case ScoreboardCell::Kind::Solved:
      return firstToSolve ? QColor(0x1b, 0x8a, 0x3a) : QColor(0x9f, 0xe0, 0xa8);
    case ScoreboardCell::Kind::Failed: return QColor(0xf4, 0xa6, 0xa6);
    case ScoreboardCell::Kind::Pending: return QColor(0xa8, 0xc8, 0xf0);
    case ScoreboardCell::Kind::Empty: break;
  }
  return {};
}

}  // namespace

ContestsView::ContestsView(AppContext& app, QWidget* parent)
    : QWidget(parent),
      m_app(app),
      m_list(readOnlyTable(3, {tr("Contest"), tr("Rules"), tr("Status")})),
      m_listStatus(new QLabel),
      m_title(new QLabel),
      m_countdown(new QLabel),
      m_banner(new QLabel),
      m_pages(new QTabWidget),
      m_problemsNote(new QLabel),
      m_problems(readOnlyTable(3, {tr("Label"), tr("Problem"), tr("Difficulty")})),
      m_boardNote(new QLabel),
      m_board(readOnlyTable(0, {})),
      m_clarifications(new QListWidget),
      m_askProblem(new QComboBox),
      m_askText(new QLineEdit),
      m_ask(new QPushButton(tr("Ask"))) {
  m_list->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_list->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  m_problems->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  m_title->setStyleSheet("font-size: 16pt; font-weight: bold;");
  m_banner->setWordWrap(true);
  m_banner->setStyleSheet("background: #fff4c2; border: 1px solid #e0c060; padding: 4px;");
  m_banner->hide();
  m_clarifications->setWordWrap(true);
  m_askText->setPlaceholderText(tr("Ask the jury a question…"));

  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->addWidget(m_listStatus);
  leftLayout->addWidget(m_list);

  auto* problemsPage = new QWidget;
  auto* problemsLayout = new QVBoxLayout(problemsPage);
  problemsLayout->addWidget(m_problemsNote);
  problemsLayout->addWidget(m_problems);
  auto* boardPage = new QWidget;
  auto* boardLayout = new QVBoxLayout(boardPage);
  boardLayout->addWidget(m_boardNote);
  boardLayout->addWidget(m_board);
  auto* clarPage = new QWidget;
  auto* clarLayout = new QVBoxLayout(clarPage);
  clarLayout->addWidget(m_clarifications);
  auto* askRow = new QHBoxLayout;
  askRow->addWidget(m_askProblem);
  askRow->addWidget(m_askText, 1);
  askRow->addWidget(m_ask);
  clarLayout->addLayout(askRow);
  m_pages->addTab(problemsPage, tr("Problems"));
  m_pages->addTab(boardPage, tr("Scoreboard"));
  m_pages->addTab(clarPage, tr("Clarifications"));

  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->addWidget(m_title);
  rightLayout->addWidget(m_countdown);
  rightLayout->addWidget(m_banner);
  rightLayout->addWidget(m_pages, 1);

  auto* splitter = new QSplitter;
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 2);
  splitter->setSizes({420, 860});
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);
  right->setEnabled(false);

  connect(m_list, &QTableWidget::cellClicked, this, [this](int row, int) {
    if (row >= 0 && row < static_cast<int>(m_contests.size()))
      selectContest(m_contests[static_cast<std::size_t>(row)].id);
  });
  connect(m_problems, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    const QTableWidgetItem* item = m_problems->item(row, 1);
    if (item && m_current) emit openProblem(item->data(Qt::UserRole).toString(), m_current->id);
  });
  connect(m_pages, &QTabWidget::currentChanged, this, [this](int) {
    if (m_pages->currentIndex() == 2) m_banner->hide();  // read: the banner has done its job
  });
  connect(m_ask, &QPushButton::clicked, this, &ContestsView::askQuestion);
  connect(m_askText, &QLineEdit::returnPressed, this, &ContestsView::askQuestion);
  connect(&app.live(), &LiveClient::event, this, &ContestsView::onLiveEvent);
  connect(&app.live(), &LiveClient::connectedChanged, this, [this](bool connected) {
    if (!connected) return;
    reload();  // the resume: whatever happened while away
  });
  m_tick.setInterval(1000);
  connect(&m_tick, &QTimer::timeout, this, &ContestsView::tick);
  m_tick.start();
}

QString ContestsView::problemsStatus() const { return m_problemsNote->text(); }

void ContestsView::reload() {
  m_app.api().get("/api/contests", [this](const ApiReply& reply) {
    if (!reply.ok()) {
      m_listStatus->setText(reply.networkError()
                                ? tr("Contests unavailable: the server is away")
                                : tr("Contests unavailable: %1").arg(reply.errorMessage));
      return;
    }
    const QJsonObject body = reply.object();
    m_clock.observe(body.value("server_time").toString(), QDateTime::currentDateTimeUtc());
    m_contests.clear();
    for (const auto& value : body.value("contests").toArray()) {
      if (auto contest = contestFromJson(value.toObject())) m_contests.push_back(*contest);
    }
    m_listStatus->setText(m_contests.empty() ? tr("No contests") : QString());
    m_list->setRowCount(static_cast<int>(m_contests.size()));
    for (int row = 0; row < static_cast<int>(m_contests.size()); ++row) {
      const ContestInfo& contest = m_contests[static_cast<std::size_t>(row)];
      m_list->setItem(row, 0, new QTableWidgetItem(contest.name));
      m_list->setItem(row, 1, new QTableWidgetItem(contest.rules.toUpper()));
    }
    renderStatusColumn();
    if (m_current) selectContest(m_current->id);  // same contest: refetch, keep the banner
  });
}

bool ContestsView::selectContest(qint64 id) {
  const auto it = std::find_if(m_contests.begin(), m_contests.end(),
                               [id](const auto& c) { return c.id == id; });
  if (it == m_contests.end()) return false;
  const bool same = m_current && m_current->id == id;
  m_list->selectRow(static_cast<int>(it - m_contests.begin()));
  m_current = *it;
  if (!same) {
    m_problemsLoaded = false;
    m_waitingForStart = false;
    m_labels.clear();
    m_clarificationItems.clear();
    m_banner->hide();
  }
  if (!m_subscribed.contains(id)) {
    m_subscribed.insert(id);
    m_app.live().subscribe(QString("contest:%1").arg(id));
  }
  showContest(*m_current);
  return true;
}

void ContestsView::showContest(const ContestInfo& contest) {
  m_title->parentWidget()->setEnabled(true);
  m_title->setText(contest.name);
  m_problemsLoaded = true;  // the fetch below is in flight: tick() must not start another
  tick();
  loadProblems();
  loadScoreboard();
  loadClarifications();
}

void ContestsView::tick() {
  renderStatusColumn();
  if (!m_current) return;
  const QDateTime now = m_clock.now();
  m_countdown->setText(contestStatusText(*m_current, now));
  if (m_waitingForStart) {
    m_problemsNote->setText(
        tr("The problems are revealed at the start: %1").arg(contestStatusText(*m_current, now)));
  }
  // The start has passed since the 403: the problems are there now.
  if (!m_problemsLoaded && m_current->startedAt(now)) {
    m_problemsLoaded = true;  // one fetch in flight; its failure clears the flag again
    loadProblems();
  }
}

void ContestsView::renderStatusColumn() {
  const QDateTime now = m_clock.now();
  for (int row = 0; row < static_cast<int>(m_contests.size()) && row < m_list->rowCount(); ++row) {
    const QString text = contestStatusText(m_contests[static_cast<std::size_t>(row)], now);
    if (QTableWidgetItem* item = m_list->item(row, 2)) {
      item->setText(text);
    } else {
      m_list->setItem(row, 2, new QTableWidgetItem(text));
    }
  }
}

void ContestsView::loadProblems() {
  if (!m_current) return;
  const qint64 id = m_current->id;
  m_app.api().get(QString("/api/contests/%1/problems").arg(id), [this, id](const ApiReply& reply) {
    if (!m_current || m_current->id != id) return;  // the user moved on
    // 403 before the start (with a few seconds' slack for clock estimates) is not an error: the
    // set is hidden until then, and tick() fetches again once the countdown passes zero.
    if (reply.status == 403 && !m_current->startedAt(m_clock.now().addSecs(-5))) {
      m_problemsLoaded = false;
      m_waitingForStart = true;
      m_problems->setRowCount(0);
      m_problemsNote->setText(tr("The problems are revealed at the start: %1")
                                  .arg(contestStatusText(*m_current, m_clock.now())));
      return;
    }
    m_waitingForStart = false;
    if (!reply.ok()) {
      // No loop of refetches on a real refusal (e.g. the lab's address range); a live
      // reconnect or a click on the contest tries again.
      m_problemsNote->setText(tr("Problems unavailable: %1").arg(reply.errorMessage));
      return;
    }
    const QJsonArray problems = reply.object().value("problems").toArray();
    m_problemsNote->setText(
        tr("Double-click a problem to open it; submissions count for this contest."));
    m_problems->setRowCount(static_cast<int>(problems.size()));
    m_labels.clear();
    m_askProblem->clear();
    m_askProblem->addItem(tr("General"), QVariant::fromValue<qint64>(0));
    for (int row = 0; row < problems.size(); ++row) {
      const QJsonObject p = problems.at(row).toObject();
      const QString label = p.value("label").toString();
      const qint64 problemId = p.value("problem_id").toInteger();
      m_labels.insert(problemId, label);
      m_askProblem->addItem(label + " · " + p.value("title").toString(),
                            QVariant::fromValue<qint64>(problemId));
      auto* labelItem = new QTableWidgetItem(label);
      if (const QString colour = p.value("color").toString(); QColor::isValidColorName(colour))
        labelItem->setBackground(QColor::fromString(colour));
      auto* titleItem = new QTableWidgetItem(p.value("title").toString());
      titleItem->setData(Qt::UserRole, p.value("slug").toString());
      m_problems->setItem(row, 0, labelItem);
      m_problems->setItem(row, 1, titleItem);
      m_problems->setItem(row, 2, new QTableWidgetItem(p.value("difficulty").toString()));
    }
    renderClarifications();  // labels known now
  });
}

void ContestsView::loadScoreboard() {
  if (!m_current) return;
  const qint64 id = m_current->id;
  m_app.api().get(QString("/api/contests/%1/scoreboard").arg(id), [this,
                                                                   id](const ApiReply& reply) {
    if (!m_current || m_current->id != id) return;
    if (!reply.ok()) {
      m_boardNote->setText(tr("Scoreboard unavailable: %1").arg(reply.errorMessage));
      return;
    }
    const ScoreboardTable table = scoreboardFromJson(reply.object());
    m_boardNote->setText(
        table.frozen ? tr("The scoreboard is frozen: later tries show as pending (?)") : QString());
    QStringList headers{tr("Rank"), tr("Team"), table.ioi ? tr("Score") : tr("Solved · Time")};
    headers += table.labels;
    m_board->clear();
    m_board->setColumnCount(static_cast<int>(headers.size()));
    m_board->setHorizontalHeaderLabels(headers);
    m_board->setRowCount(static_cast<int>(table.rows.size()));
    for (int r = 0; r < static_cast<int>(table.rows.size()); ++r) {
      const ScoreboardRow& row = table.rows[static_cast<std::size_t>(r)];
      m_board->setItem(r, 0, new QTableWidgetItem(QString::number(row.rank)));
      m_board->setItem(r, 1, new QTableWidgetItem(row.team));
      m_board->setItem(r, 2, new QTableWidgetItem(row.score));
      for (int c = 0; c < static_cast<int>(row.cells.size()); ++c) {
        const ScoreboardCell& cell = row.cells[static_cast<std::size_t>(c)];
        auto* item = new QTableWidgetItem(cell.text);
        item->setTextAlignment(Qt::AlignCenter);
        if (const QColor colour = cellColour(cell.kind, cell.firstToSolve); colour.isValid())
          item->setBackground(colour);
        m_board->setItem(r, 3 + c, item);
      }
    }
  });
}

void ContestsView::loadClarifications() {
  if (!m_current) return;
  const qint64 id = m_current->id;
  m_app.api().get(
      QString("/api/contests/%1/clarifications").arg(id), [this, id](const ApiReply& reply) {
        if (!m_current || m_current->id != id) return;
        if (!reply.ok()) {
          // 403 for a public contest's onlooker: they may read the board but not the jury's mail.
          m_clarifications->clear();
          m_clarifications->addItem(tr("Clarifications unavailable: %1").arg(reply.errorMessage));
          m_ask->setEnabled(false);
          return;
        }
        m_ask->setEnabled(true);
        m_clarificationItems.clear();
        for (const auto& value : reply.object().value("clarifications").toArray()) {
          if (auto item = clarificationFromJson(value.toObject()))
            mergeClarification(m_clarificationItems, *item);
        }
        renderClarifications();
      });
}

void ContestsView::renderClarifications() {
  m_clarifications->clear();
  for (const Clarification& item : m_clarificationItems) {
    const QString prefix = problemPrefix(item, m_labels);
    QString text;
    if (item.announcement) {
      text = tr("📣 %1%2").arg(prefix, item.answer);
    } else {
      text = tr("Q: %1%2\nA: %3")
                 .arg(prefix, item.question,
                      item.answer.isEmpty() ? tr("(waiting for the jury)") : item.answer);
    }
    m_clarifications->addItem(text);
  }
}

void ContestsView::askQuestion() {
  if (!m_current) return;
  const QString question = m_askText->text().trimmed();
  if (question.isEmpty()) return;
  QJsonObject body{{"question", question}};
  if (const qint64 problem = m_askProblem->currentData().toLongLong(); problem > 0)
    body["problem_id"] = problem;
  const qint64 id = m_current->id;
  m_ask->setEnabled(false);
  m_app.api().post(
      QString("/api/contests/%1/clarifications").arg(id), body, [this, id](const ApiReply& reply) {
        m_ask->setEnabled(true);
        if (!reply.ok()) {
          m_banner->setText(tr("Your question was not sent: %1").arg(reply.errorMessage));
          m_banner->show();
          return;
        }
        m_askText->clear();
        if (!m_current || m_current->id != id) return;
        if (auto item = clarificationFromJson(reply.object()))
          mergeClarification(m_clarificationItems, *item);
        renderClarifications();
      });
}

void ContestsView::onLiveEvent(const QString& type, const QJsonObject& payload) {
  const qint64 contestId = payload.value("contest_id").toInteger();
  if (!m_subscribed.contains(contestId)) return;
  const bool current = m_current && m_current->id == contestId;
  if (type == "contest.scoreboard") {
    if (current) loadScoreboard();
  } else if (type == "contest.updated") {
    reload();
  } else if (auto text = notificationFor(type, payload, contestId,
                                         current ? m_labels : QHash<qint64, QString>{})) {
    if (current) {
      if (auto item = clarificationFromJson(payload))
        mergeClarification(m_clarificationItems, *item);
      renderClarifications();
    }
    m_lastNotification = *text;
    m_banner->setText(*text);
    m_banner->show();
    emit notification(*text);
  }
}

}  // namespace arena::desktop
