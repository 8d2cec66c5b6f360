#pragma once
// The Duels tab: the lobby (Find a match / Cancel, the waited time and the rating gap), the
// player's profile (rating and its history as a chart), and, once matched, the duel itself.
//
// Theory of operation: the lobby's state lives in DuelLobby (duel_lobby.hpp); this view makes
// the requests and feeds their answers in. Find a match posts /api/match/enqueue. While queued,
// a one-second tick redraws the waited time and asks GET /api/match/queue (the server's count,
// the gap, the queue size; a 404 means an older server: the lobby counts locally) and POST
// /api/match/dequeue (which also runs the server's pairing round and hands over the match).
// `match.found` on the user's own live channel usually tells first; whichever tells first
// opens the duel, and a proctor's lab duel (`match.started` naming us, not queued) opens too.
// reload() also asks dequeue once, so a duel in progress when the app restarted is resumed.
// When a duel ends the profile is refetched, so the chart gains its point.

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include "features/duels/duel_lobby.hpp"

class QLabel;
class QPushButton;
class QStackedWidget;

namespace arena::desktop {

class AppContext;
class DuelView;
class RatingChart;

class DuelsView : public QWidget {
  Q_OBJECT
 public:
  explicit DuelsView(AppContext& app, QWidget* parent = nullptr);

  // Who we are (GET /api/auth/me), the rating history, and a duel to resume.
  void reload();
  void reloadProfile();

  // What the tests (and the window) look at.
  const DuelLobby& lobby() const { return m_lobby; }
  DuelView& duel() { return *m_duel; }
  RatingChart& ratingChart() { return *m_chart; }
  bool inDuel() const;
  qint64 userId() const { return m_me; }
  bool leaving() const { return m_leaveInFlight; }  // DELETE /api/match/queue in flight
  QString lobbyStatus() const;
  QString profileText() const;

 public slots:
  void findMatch();
  void cancel();

 signals:
  void duelStarted();  // the window brings the tab forward

 private:
  void tick();
  void poll();
  void askDequeue(bool resumeOnly);
  void openDuel(const MatchTicket& ticket);
  void onLiveEvent(const QString& type, const QJsonObject& payload);
  void renderLobby();
  qint64 nowMs() const { return m_monotonic.elapsed(); }

  AppContext& m_app;
  DuelLobby m_lobby;
  QElapsedTimer m_monotonic;
  QTimer m_tick;
  qint64 m_me = 0;
  bool m_statusInFlight = false;
  bool m_dequeueInFlight = false;
  bool m_leaveInFlight = false;

  QStackedWidget* m_pages;
  QPushButton* m_find;
  QPushButton* m_cancel;
  QLabel* m_status;
  QLabel* m_profile;
  RatingChart* m_chart;
  DuelView* m_duel;
};

}  // namespace arena::desktop
