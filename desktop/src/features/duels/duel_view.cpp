#include "features/duels/duel_view.hpp"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "app/app_context.hpp"
#include "features/problems/problem_view.hpp"

namespace arena::desktop {
namespace {

constexpr int kTickMs = 250;
constexpr int kPollTicksWithoutLive = 8;  // two seconds

}  // namespace

DuelView::DuelView(AppContext& app, QWidget* parent)
    : QWidget(parent),
      m_app(app),
      m_title(new QLabel),
      m_clockLabel(new QLabel),
      m_myProgress(new QLabel),
      m_opponentProgress(new QLabel),
      m_result(new QLabel),
      m_forfeit(new QPushButton(tr("Forfeit"))),
      m_back(new QPushButton(tr("Back to the lobby"))),
      m_stage(new QStackedWidget),
      m_countdown(new QLabel),
      m_problemPage(new QWidget),
      m_problemLayout(new QVBoxLayout(m_problemPage)) {
  m_title->setStyleSheet("font-size: 14pt; font-weight: bold;");
  m_clockLabel->setStyleSheet("font-size: 14pt; font-family: monospace;");
  m_result->setWordWrap(true);
  m_result->setStyleSheet(
      "font-size: 13pt; font-weight: bold; background: #e8f4ea; border: 1px solid #7cb88a; "
      "padding: 6px;");
  m_result->hide();
  m_back->hide();
  m_countdown->setAlignment(Qt::AlignCenter);
  m_countdown->setStyleSheet("font-size: 28pt; font-weight: bold;");
  m_problemLayout->setContentsMargins(0, 0, 0, 0);
  m_stage->addWidget(m_countdown);
  m_stage->addWidget(m_problemPage);

  auto* header = new QHBoxLayout;
  header->addWidget(m_title);
  header->addStretch();
  header->addWidget(m_clockLabel);
  header->addWidget(m_forfeit);
  auto* players = new QHBoxLayout;
  players->addWidget(m_myProgress, 1);
  players->addWidget(m_opponentProgress, 1);
  auto* resultRow = new QHBoxLayout;
  resultRow->addWidget(m_result, 1);
  resultRow->addWidget(m_back);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(header);
  layout->addLayout(players);
  layout->addLayout(resultRow);
  layout->addWidget(m_stage, 1);

  connect(m_forfeit, &QPushButton::clicked, this, [this] {
    if (QMessageBox::question(this, tr("Forfeit"),
                              tr("Give up this duel? Your opponent wins.")) == QMessageBox::Yes)
      forfeit();
  });
  connect(m_back, &QPushButton::clicked, this, &DuelView::backToLobby);
  connect(&app.live(), &LiveClient::event, this, &DuelView::onLiveEvent);
  connect(&app.live(), &LiveClient::connectedChanged, this, [this](bool connected) {
    if (connected && m_matchId > 0) refetch();  // the resume: whatever happened while away
  });
  m_tick.setInterval(kTickMs);
  connect(&m_tick, &QTimer::timeout, this, &DuelView::tick);
}

void DuelView::start(qint64 matchId, qint64 problemId, qint64 me) {
  m_matchId = matchId;
  m_problemId = problemId;
  m_me = me;
  m_match.reset();
  m_fetching = false;
  m_problemLoading = false;
  m_sawCountdown = false;
  m_announcedFinish = false;
  if (m_problem) {
    m_problemLayout->removeWidget(m_problem);
    m_problem->deleteLater();
    m_problem = nullptr;
  }
  m_title->setText(tr("Duel #%1").arg(matchId));
  m_countdown->setText(tr("Get ready…"));
  m_stage->setCurrentWidget(m_countdown);
  m_result->hide();
  m_back->hide();
  m_forfeit->setEnabled(true);
  m_myProgress->clear();
  m_opponentProgress->clear();
  m_app.live().subscribe(QString("match:%1").arg(matchId));
  refetch();
  m_tick.start();
}

QString DuelView::clockText() const { return m_clockLabel->text(); }
QString DuelView::opponentText() const { return m_opponentProgress->text(); }
QString DuelView::myText() const { return m_myProgress->text(); }
QString DuelView::resultText() const { return m_result->isHidden() ? QString() : m_result->text(); }

void DuelView::refetch() {
  if (m_matchId <= 0 || m_fetching) return;
  m_fetching = true;
  m_ticksSinceFetch = 0;
  const qint64 id = m_matchId;
  m_app.api().get(QString("/api/matches/%1").arg(id), [this, id](const ApiReply& reply) {
    if (id != m_matchId) return;  // a later duel started meanwhile
    m_fetching = false;
    if (!reply.ok()) {
      if (!reply.networkError()) m_title->setText(tr("Duel #%1: %2").arg(id).arg(reply.errorMessage));
      return;
    }
    const QJsonObject body = reply.object();
    m_clock.observe(body.value("server_time").toString(), QDateTime::currentDateTimeUtc());
    if (auto match = duelMatchFromJson(body)) {
      m_match = std::move(*match);
      if (m_match->problemId > 0) m_problemId = m_match->problemId;
    }
    render();
  });
}

void DuelView::forfeit() {
  if (m_matchId <= 0 || (m_match && m_match->result)) return;  // over already: nothing to give
  m_forfeit->setEnabled(false);
  const qint64 id = m_matchId;
  m_app.api().post(QString("/api/matches/%1/forfeit").arg(id), {}, [this, id](const ApiReply& reply) {
    if (id != m_matchId) return;
    if (!reply.ok()) {
      // 409: it ended meanwhile (the opponent's AC, the clock): the refetch shows how.
      m_forfeit->setEnabled(reply.status != 409);
      m_result->setText(tr("Forfeit refused: %1").arg(reply.errorMessage));
      m_result->show();
      refetch();
      return;
    }
    if (auto match = duelMatchFromJson(reply.object())) m_match = std::move(*match);
    render();
  });
}

void DuelView::onLiveEvent(const QString& type, const QJsonObject& payload) {
  if (m_matchId <= 0 || payload.value("match_id").toInteger() != m_matchId) return;
  if (type == "match.started") {
    m_clock.observe(payload.value("server_time").toString(), QDateTime::currentDateTimeUtc());
    if (m_match) applyStarted(*m_match, payload);
    if (const qint64 problem = payload.value("problem_id").toInteger(); problem > 0)
      m_problemId = problem;
    render();
  } else if (type == "match.progress") {
    if (m_match) applyProgress(*m_match, payload);
    render();
    refetch();  // the exact list of verdicts
  } else if (type == "match.finished") {
    if (m_match) applyFinished(*m_match, payload);
    render();
    refetch();
  }
}

void DuelView::tick() {
  if (m_matchId <= 0) return;
  // Without the live channel nothing else tells us of the opponent's tries or the end.
  if (++m_ticksSinceFetch >= kPollTicksWithoutLive && !m_app.live().connected() &&
      !(m_match && m_match->result))
    refetch();
  render();
}

void DuelView::render() {
  if (!m_match) return;
  const DuelMatch& match = *m_match;
  const QDateTime now = m_clock.now();
  const DuelPhase phase = match.phaseAt(now);
  m_clockLabel->setText(duelClockText(match, now));

  const DuelPlayer* me = match.player(m_me);
  const DuelPlayer* opponent = match.opponentOf(m_me);
  if (opponent) {
    m_title->setText(tr("Duel #%1 vs %2 (%3)").arg(match.id).arg(opponent->username).arg(opponent->rating));
    m_opponentProgress->setText(tr("%1: %2").arg(opponent->username, progressText(*opponent)));
  }
  if (me) m_myProgress->setText(tr("You: %1").arg(progressText(*me)));

  if (phase == DuelPhase::Countdown) {
    m_sawCountdown = true;
    m_countdown->setText(tr("The problem shows in %1")
                             .arg(formatCountdown(now.msecsTo(match.startedAt))));
    m_stage->setCurrentWidget(m_countdown);
  } else if (!m_problem) {
    if (m_problemId > 0) {
      loadProblem();
    } else if (phase == DuelPhase::Active) {
      refetch();  // after the countdown the match names its problem
    }
  }

  if (phase == DuelPhase::Finished) {
    m_forfeit->setEnabled(false);
    m_result->setText(desktop::resultText(match, m_me));
    m_result->show();
    m_back->show();
    if (!m_announcedFinish) {
      m_announcedFinish = true;
      emit finished();
    }
    // Once the final answer (with the rating changes) is in, nothing moves any more.
    if (match.state == "finished") m_tick.stop();
  }
}

void DuelView::loadProblem() {
  if (m_problemLoading || m_problem || m_problemId <= 0) return;
  m_problemLoading = true;
  const qint64 id = m_matchId;
  const qint64 problemId = m_problemId;
  m_countdown->setText(tr("Loading the problem…"));
  // The match names the problem by id; the problem routes go by slug.
  m_app.api().get("/api/problems", [this, id, problemId](const ApiReply& reply) {
    if (id != m_matchId) return;
    QString slug;
    for (const auto& value : reply.object().value("problems").toArray()) {
      if (value.toObject().value("id").toInteger() == problemId)
        slug = value.toObject().value("slug").toString();
    }
    if (slug.isEmpty()) {
      m_problemLoading = false;  // the next tick tries again
      m_countdown->setText(reply.ok() ? tr("The duel's problem is not in the list")
                                      : tr("Problem unavailable: %1").arg(reply.errorMessage));
      return;
    }
    m_app.loadProblem(slug, [this, id](std::optional<QJsonObject> problem, bool) {
      if (id != m_matchId) return;
      m_problemLoading = false;
      if (problem) showProblem(*problem);
    });
  });
}

void DuelView::showProblem(const QJsonObject& problem) {
  if (m_problem) return;
  m_problem = new ProblemView(m_app, problem);
  m_problemLayout->addWidget(m_problem);
  m_stage->setCurrentWidget(m_problemPage);
}

}  // namespace arena::desktop
