#pragma once
// One duel on screen: the countdown, then the problem (the desktop's own ProblemView: statement,
// editor, submit through the outbox like any practice submission), both players' tries, the
// clock to the time limit, the result with the rating change, and Forfeit.
//
// Theory of operation: start() subscribes to match:<id> and fetches GET /api/matches/{id}; its
// server_time sets the ServerClock (a lab PC's clock may be minutes off, and the countdown must
// end when the server's does). A quarter-second tick redraws the clock from that estimate; when
// the countdown passes zero the problem is loaded (its slug from GET /api/problems, since the
// match knows only the id) and replaces the countdown. Live events update the model at once and
// trigger a refetch (the server's answer replaces the model): match.progress shows the
// opponent's try without a round trip, match.finished shows the result. Without the live channel
// the match is refetched every two seconds until it ends; a reconnect refetches once (events
// missed meanwhile are not replayed).

#include <QTimer>
#include <QWidget>
#include <optional>

#include "features/contests/contest_clock.hpp"
#include "features/duels/duel_match.hpp"

class QLabel;
class QPushButton;
class QStackedWidget;
class QVBoxLayout;

namespace arena::desktop {

class AppContext;
class ProblemView;

class DuelView : public QWidget {
  Q_OBJECT
 public:
  explicit DuelView(AppContext& app, QWidget* parent = nullptr);

  // Shows match `matchId` for player `me`; `problemId` 0 when not told yet.
  void start(qint64 matchId, qint64 problemId, qint64 me);
  qint64 matchId() const { return m_matchId; }

  // What the tests (and the lobby) look at.
  const std::optional<DuelMatch>& match() const { return m_match; }
  ProblemView* problemView() { return m_problem; }
  QString clockText() const;
  QString opponentText() const;
  QString myText() const;
  QString resultText() const;
  bool sawCountdown() const { return m_sawCountdown; }
  const ServerClock& clock() const { return m_clock; }

 public slots:
  // POST /api/matches/{id}/forfeit, no questions asked (the button asks first).
  void forfeit();
  void refetch();

 signals:
  void finished();      // the duel ended (the lobby refreshes the rating chart)
  void backToLobby();

 private:
  void onLiveEvent(const QString& type, const QJsonObject& payload);
  void tick();
  void render();
  void loadProblem();
  void showProblem(const QJsonObject& problem);

  AppContext& m_app;
  ServerClock m_clock;
  std::optional<DuelMatch> m_match;
  qint64 m_matchId = 0;
  qint64 m_problemId = 0;
  qint64 m_me = 0;
  bool m_fetching = false;
  bool m_problemLoading = false;
  bool m_sawCountdown = false;
  bool m_announcedFinish = false;
  int m_ticksSinceFetch = 0;
  QTimer m_tick;

  QLabel* m_title;
  QLabel* m_clockLabel;
  QLabel* m_myProgress;
  QLabel* m_opponentProgress;
  QLabel* m_result;
  QPushButton* m_forfeit;
  QPushButton* m_back;
  QStackedWidget* m_stage;
  QLabel* m_countdown;
  QWidget* m_problemPage;
  QVBoxLayout* m_problemLayout;
  ProblemView* m_problem = nullptr;
};

}  // namespace arena::desktop
