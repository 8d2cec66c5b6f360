#pragma once
// The duel lobby's queue as a state machine, with no widgets and no network, so the unit tests
// pin every transition; LobbyPanel does the requests and feeds their answers in.
//
// Theory of operation:
//
//   Idle --findMatch--> Joining --enqueued--> Queued --matched--> Matched --reset--> Idle
//          (POST /api/match/enqueue)  |  ^          |                (the duel is over)
//          enqueueFailed -> Idle -----+  |          +--cancel / server says idle--> Idle
//                                        +-- status polls (GET /api/match/queue every second)
//
// While queued, the waited time ticks every second: from the server's `waited_ms` at its last
// answer plus our own time since then (the server's count is the truth; ours only fills in
// between polls). A server without GET /api/match/queue (404) has no count to give: the wait
// is then counted locally from the moment the enqueue was accepted, and the gap is unknown.
// `matched` comes from whichever tells first: a dequeue poll, the status poll's match_id, or
// `match.found` on the live channel; later tellings of the same match change nothing.

#include <QJsonObject>
#include <QString>
#include <optional>

namespace arena::desktop {

enum class LobbyState { Idle, Joining, Queued, Matched };

struct MatchTicket {
  qint64 matchId = 0;
  qint64 problemId = 0;  // 0: not told yet (GET /api/matches/{id} tells after the countdown)
};

class DuelLobby {
 public:
  LobbyState state() const { return m_state; }
  bool queued() const { return m_state == LobbyState::Queued; }

  // The button: false (nothing to do) unless idle.
  bool findMatch();
  // POST /api/match/enqueue answered; `nowMs` our monotonic clock.
  void enqueued(qint64 nowMs);
  void enqueueFailed(const QString& why);
  // The Cancel button: false unless joining or queued (then DELETE /api/match/queue).
  bool cancel();
  // A GET /api/match/queue answer. Returns the match when the status says matched.
  std::optional<MatchTicket> statusAnswered(const QJsonObject& status, qint64 nowMs);
  // The status endpoint is not there (404): count locally from now on.
  void statusUnavailable() { m_statusEndpoint = false; }
  bool statusEndpoint() const { return m_statusEndpoint; }
  // A dequeue answer, match.found or match.started: true when this is news (first telling).
  bool matched(const MatchTicket& ticket);
  const std::optional<MatchTicket>& ticket() const { return m_ticket; }
  // The duel ended: back to the lobby.
  void reset();

  qint64 waitedMs(qint64 nowMs) const;
  std::optional<int> ratingGap() const { return m_gap; }
  std::optional<int> rating() const { return m_rating; }
  std::optional<int> queueSize() const { return m_queueSize; }
  QString error() const { return m_error; }

  // "Waiting 00:00:12 · gap ±50 · 3 in the queue", "Joining the queue…", ...
  QString statusText(qint64 nowMs) const;

 private:
  LobbyState m_state = LobbyState::Idle;
  bool m_statusEndpoint = true;
  qint64 m_queuedAtMs = 0;           // our clock when the enqueue was accepted
  std::optional<qint64> m_serverWaitedMs;
  qint64 m_serverObservedAtMs = 0;   // our clock at that answer
  std::optional<int> m_gap;
  std::optional<int> m_rating;
  std::optional<int> m_queueSize;
  std::optional<MatchTicket> m_ticket;
  QString m_error;
};

}  // namespace arena::desktop
