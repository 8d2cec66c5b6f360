#pragma once
// One duel as the client shows it: GET /api/matches/{id} parsed, then kept current by the live
// events on match:<id> (match.started, match.progress, match.finished) between refetches; and
// the texts the duel view shows (each player's tries, the clock, the result). Pure logic, no
// widgets, so the unit tests pin it.
//
// The server's answer is the truth: an event updates the model at once (so the opponent's try
// shows without a round trip) and the view refetches; the refetch replaces the model.

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace arena::desktop {

struct DuelPlayer {
  qint64 userId = 0;
  QString username;
  int rating = 0;
  int tries = 0;
  QStringList verdicts;  // one per try, oldest first; "" while that try is being judged
  bool solved = false;
};

struct DuelRatingChange {
  qint64 userId = 0;
  int previousRating = 0;
  int rating = 0;
  int delta() const { return rating - previousRating; }
};

struct DuelResult {
  std::optional<qint64> winnerId;  // none: a draw
  QString reason;                  // solved | time | forfeit | disconnect
  std::vector<DuelRatingChange> ratingChanges;
};

enum class DuelPhase { Countdown, Active, Finished };

struct DuelMatch {
  qint64 id = 0;
  QString state;  // countdown | active | finished, as the server last said
  bool rated = false;
  qint64 problemId = 0;  // 0: hidden (players during the countdown)
  QDateTime startedAt;   // the countdown's end
  QDateTime endsAt;      // the time limit
  std::vector<DuelPlayer> players;
  std::optional<DuelResult> result;

  // The phase at the server's `now`: the countdown ends by itself when startedAt passes,
  // without waiting for an event; only the server ends a duel.
  DuelPhase phaseAt(const QDateTime& serverNow) const;
  const DuelPlayer* player(qint64 userId) const;
  const DuelPlayer* opponentOf(qint64 userId) const;
};

// nullopt when id or players are missing.
std::optional<DuelMatch> duelMatchFromJson(const QJsonObject& json);

// match.progress {match_id, user_id, tries, last_verdict}: the counts are absolute, so a
// repeated or reordered event cannot count a try twice.
void applyProgress(DuelMatch& match, const QJsonObject& event);
// match.started {started_at, ends_at, problem_id, rated}.
void applyStarted(DuelMatch& match, const QJsonObject& event);
// match.finished {winner_id, reason, rated, rating_changes[{user_id, previous_rating, rating}]}.
void applyFinished(DuelMatch& match, const QJsonObject& event);

// "no tries yet", "2 tries: WA · …", "solved ✓ in 3 tries: WA · TLE · AC".
QString progressText(const DuelPlayer& player);
// "starts in 00:00:03", "ends in 00:29:57", "time is up · judging the last tries", "finished".
QString duelClockText(const DuelMatch& match, const QDateTime& serverNow);
// From `me`'s side: "You won (solved) · rating 1500 → 1662 (+162)", "Draw (time) · …",
// "You lost (forfeit) · …"; "unrated" when nothing changed.
QString resultText(const DuelMatch& match, qint64 me);

}  // namespace arena::desktop
