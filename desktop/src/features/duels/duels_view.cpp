#include "features/duels/duels_view.hpp"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "app/app_context.hpp"
#include "features/duels/duel_view.hpp"
#include "features/duels/rating_chart.hpp"

namespace arena::desktop {

DuelsView::DuelsView(AppContext& app, QWidget* parent)
    : QWidget(parent),
      m_app(app),
      m_pages(new QStackedWidget),
      m_find(new QPushButton(tr("Find a match"))),
      m_cancel(new QPushButton(tr("Cancel"))),
      m_status(new QLabel),
      m_profile(new QLabel),
      m_chart(new RatingChart),
      m_duel(new DuelView(app)) {
  m_monotonic.start();
  m_find->setEnabled(false);  // until we know who we are
  m_find->setStyleSheet("font-size: 13pt; padding: 6px 18px;");
  m_status->setStyleSheet("font-size: 12pt;");
  m_profile->setStyleSheet("font-weight: bold;");

  auto* queueBox = new QGroupBox(tr("Ranked duel"));
  auto* queueLayout = new QVBoxLayout(queueBox);
  auto* intro = new QLabel(tr("Two players of similar rating get the same problem; the first "
                              "accepted solution wins. The rating gap you accept widens the "
                              "longer you wait."));
  intro->setWordWrap(true);
  queueLayout->addWidget(intro);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_find);
  buttons->addWidget(m_cancel);
  buttons->addStretch();
  queueLayout->addLayout(buttons);
  queueLayout->addWidget(m_status);
  queueLayout->addStretch();

  auto* profileBox = new QGroupBox(tr("Profile"));
  auto* profileLayout = new QVBoxLayout(profileBox);
  profileLayout->addWidget(m_profile);
  profileLayout->addWidget(new QLabel(tr("Rating history")));
  profileLayout->addWidget(m_chart, 1);

  auto* lobbyPage = new QWidget;
  auto* lobbyLayout = new QHBoxLayout(lobbyPage);
  lobbyLayout->addWidget(queueBox, 1);
  lobbyLayout->addWidget(profileBox, 1);

  m_pages->addWidget(lobbyPage);
  m_pages->addWidget(m_duel);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_pages);

  connect(m_find, &QPushButton::clicked, this, &DuelsView::findMatch);
  connect(m_cancel, &QPushButton::clicked, this, &DuelsView::cancel);
  connect(m_duel, &DuelView::finished, this, &DuelsView::reloadProfile);
  connect(m_duel, &DuelView::backToLobby, this, [this] {
    m_lobby.reset();
    m_pages->setCurrentIndex(0);
    renderLobby();
    reloadProfile();
  });
  connect(&app.live(), &LiveClient::event, this, &DuelsView::onLiveEvent);
  connect(&app.live(), &LiveClient::connectedChanged, this, [this](bool connected) {
    if (connected && m_lobby.queued()) poll();  // match.found may have gone by while away
  });
  m_tick.setInterval(1000);
  connect(&m_tick, &QTimer::timeout, this, &DuelsView::tick);
  m_tick.start();
  renderLobby();
}

bool DuelsView::inDuel() const { return m_pages->currentWidget() == m_duel; }
QString DuelsView::lobbyStatus() const { return m_status->text(); }
QString DuelsView::profileText() const { return m_profile->text(); }

void DuelsView::reload() {
  m_app.api().get("/api/auth/me", [this](const ApiReply& reply) {
    if (!reply.ok()) {
      m_profile->setText(tr("Profile unavailable: %1").arg(reply.errorMessage));
      return;
    }
    const QJsonObject user = reply.object();
    m_me = user.value("id").toInteger();
    m_profile->setText(tr("%1 · rating %2")
                           .arg(user.value("username").toString())
                           .arg(user.value("rating").toInt()));
    m_find->setEnabled(true);
    renderLobby();
    reloadProfile();
    if (m_lobby.state() == LobbyState::Idle) askDequeue(true);  // a duel to resume?
  });
}

void DuelsView::reloadProfile() {
  if (m_me <= 0) return;
  const qint64 me = m_me;
  m_app.api().get("/api/auth/me", [this, me](const ApiReply& reply) {
    if (!reply.ok() || me != m_me) return;
    m_profile->setText(tr("%1 · rating %2")
                           .arg(reply.object().value("username").toString())
                           .arg(reply.object().value("rating").toInt()));
  });
  m_app.api().get(QString("/api/users/%1/rating-history").arg(me),
                  [this, me](const ApiReply& reply) {
                    if (!reply.ok() || me != m_me) return;
                    m_chart->setPoints(ratingHistoryFromJson(reply.object()));
                  });
}

void DuelsView::findMatch() {
  if (m_me <= 0 || !m_lobby.findMatch()) return;
  renderLobby();
  m_app.api().post("/api/match/enqueue", {}, [this](const ApiReply& reply) {
    if (!reply.ok()) {
      m_lobby.enqueueFailed(tr("Could not join the queue: %1")
                                .arg(reply.networkError() ? tr("the server is away")
                                                          : reply.errorMessage));
      renderLobby();
      // 409: we are in a duel already (another window, or a proctor's lab duel): resume it.
      if (reply.status == 409) askDequeue(true);
      return;
    }
    m_lobby.enqueued(nowMs());
    renderLobby();
    poll();
  });
}

void DuelsView::cancel() {
  if (!m_lobby.cancel()) return;
  renderLobby();
  m_leaveInFlight = true;
  m_app.api().del("/api/match/queue", [this](const ApiReply& reply) {
    m_leaveInFlight = false;
    // Matched in the same instant the cancel left: the dequeue poll or match.found still tells,
    // and the duel is played (leaving it is what Forfeit is for).
    if (!reply.ok() && !reply.networkError()) {
      m_status->setText(tr("Leaving the queue failed: %1").arg(reply.errorMessage));
    }
  });
}

void DuelsView::tick() {
  if (m_lobby.queued()) poll();
  renderLobby();
}

void DuelsView::poll() {
  if (!m_lobby.queued()) return;
  if (m_lobby.statusEndpoint() && !m_statusInFlight) {
    m_statusInFlight = true;
    m_app.api().get("/api/match/queue", [this](const ApiReply& reply) {
      m_statusInFlight = false;
      if (reply.status == 404 || reply.status == 405) {
        m_lobby.statusUnavailable();  // an older server: count the wait ourselves
      } else if (reply.ok()) {
        if (auto ticket = m_lobby.statusAnswered(reply.object(), nowMs())) openDuel(*ticket);
      }
      renderLobby();
    });
  }
  askDequeue(false);
}

void DuelsView::askDequeue(bool resumeOnly) {
  if (m_dequeueInFlight) return;
  m_dequeueInFlight = true;
  m_app.api().post("/api/match/dequeue", {}, [this, resumeOnly](const ApiReply& reply) {
    m_dequeueInFlight = false;
    // 202 {"status":"waiting"}; 404: neither queued nor in a duel.
    if (reply.status != 200) return;
    const QJsonObject body = reply.object();
    const MatchTicket ticket{body.value("match_id").toInteger(), body.value("problem_id").toInteger()};
    if (ticket.matchId <= 0) return;
    if (resumeOnly && m_lobby.state() != LobbyState::Idle) return;
    if (m_lobby.state() == LobbyState::Idle) {
      m_lobby.findMatch();  // Idle -> Joining -> Queued -> Matched: the one way into a duel
      m_lobby.enqueued(nowMs());
    }
    if (m_lobby.matched(ticket)) openDuel(ticket);
  });
}

void DuelsView::openDuel(const MatchTicket& ticket) {
  renderLobby();
  m_duel->start(ticket.matchId, ticket.problemId, m_me);
  m_pages->setCurrentWidget(m_duel);
  emit duelStarted();
}

void DuelsView::onLiveEvent(const QString& type, const QJsonObject& payload) {
  if (type == "match.found") {
    const MatchTicket ticket{payload.value("match_id").toInteger(), payload.value("problem_id").toInteger()};
    if (m_lobby.queued() && m_lobby.matched(ticket)) openDuel(ticket);
  } else if (type == "match.started" && m_lobby.state() == LobbyState::Idle && m_me > 0) {
    // A proctor's lab duel: nobody queued for it, the start names us.
    const QJsonArray players = payload.value("player_ids").toArray();
    const bool mine = std::any_of(players.begin(), players.end(),
                                  [this](const QJsonValue& v) { return v.toInteger() == m_me; });
    if (!mine) return;
    const MatchTicket ticket{payload.value("match_id").toInteger(), payload.value("problem_id").toInteger()};
    m_lobby.findMatch();
    m_lobby.enqueued(nowMs());
    if (m_lobby.matched(ticket)) openDuel(ticket);
  }
}

void DuelsView::renderLobby() {
  const LobbyState state = m_lobby.state();
  m_find->setEnabled(m_me > 0 && state == LobbyState::Idle);
  m_cancel->setEnabled(state == LobbyState::Joining || state == LobbyState::Queued);
  m_status->setText(m_lobby.statusText(nowMs()));
}

}  // namespace arena::desktop
