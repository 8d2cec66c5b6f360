#include "features/duels/duel_match.hpp"

#include <QCoreApplication>
#include <QJsonArray>
#include <algorithm>

#include "features/contests/contest_clock.hpp"

namespace arena::desktop {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("DuelMatch", text); }

DuelPlayer* playerIn(DuelMatch& match, qint64 userId) {
  for (DuelPlayer& player : match.players) {
    if (player.userId == userId) return &player;
  }
  return nullptr;
}

std::vector<DuelRatingChange> ratingChangesFromJson(const QJsonArray& array) {
  std::vector<DuelRatingChange> changes;
  for (const auto& value : array) {
    const QJsonObject change = value.toObject();
    DuelRatingChange parsed;
    parsed.userId = change.value("user_id").toInteger();
    parsed.rating = change.value("rating").toInt();
    // The history row has no previous rating for a first game: no change to show then.
    parsed.previousRating = change.value("previous_rating").toInt(parsed.rating);
    if (parsed.userId > 0) changes.push_back(parsed);
  }
  return changes;
}

DuelResult resultFromJson(const QJsonObject& json) {
  DuelResult result;
  if (const QJsonValue winner = json.value("winner_id"); winner.isDouble())
    result.winnerId = winner.toInteger();
  result.reason = json.value("reason").toString();
  result.ratingChanges = ratingChangesFromJson(json.value("rating_changes").toArray());
  return result;
}

}  // namespace

DuelPhase DuelMatch::phaseAt(const QDateTime& serverNow) const {
  if (result || state == "finished") return DuelPhase::Finished;
  if (startedAt.isValid() && serverNow < startedAt) return DuelPhase::Countdown;
  if (!startedAt.isValid() && state == "countdown") return DuelPhase::Countdown;
  return DuelPhase::Active;
}

const DuelPlayer* DuelMatch::player(qint64 userId) const {
  const auto it = std::find_if(players.begin(), players.end(),
                               [userId](const DuelPlayer& p) { return p.userId == userId; });
  return it == players.end() ? nullptr : &*it;
}

const DuelPlayer* DuelMatch::opponentOf(qint64 userId) const {
  const auto it = std::find_if(players.begin(), players.end(),
                               [userId](const DuelPlayer& p) { return p.userId != userId; });
  return it == players.end() ? nullptr : &*it;
}

std::optional<DuelMatch> duelMatchFromJson(const QJsonObject& json) {
  DuelMatch match;
  match.id = json.value("id").toInteger();
  match.state = json.value("state").toString();
  match.rated = json.value("rated").toBool();
  match.problemId = json.value("problem_id").toInteger();  // null -> 0
  match.startedAt = parseServerTime(json.value("started_at").toString());
  match.endsAt = parseServerTime(json.value("ends_at").toString());
  for (const auto& value : json.value("players").toArray()) {
    const QJsonObject p = value.toObject();
    DuelPlayer player;
    player.userId = p.value("user_id").toInteger();
    player.username = p.value("username").toString();
    player.rating = p.value("rating").toInt();
    player.tries = p.value("tries").toInt();
    player.solved = p.value("solved").toBool();
    for (const auto& verdict : p.value("verdicts").toArray()) player.verdicts << verdict.toString();
    if (player.userId > 0) match.players.push_back(player);
  }
  if (const QJsonValue result = json.value("result"); result.isObject())
    match.result = resultFromJson(result.toObject());
  if (match.id <= 0 || match.players.empty()) return std::nullopt;
  return match;
}

void applyProgress(DuelMatch& match, const QJsonObject& event) {
  DuelPlayer* player = playerIn(match, event.value("user_id").toInteger());
  if (player == nullptr) return;
  const int tries = event.value("tries").toInt(player->tries);
  if (tries < player->tries) return;  // an older event than what we know
  // Progress is published each time one of the player's tries is judged, `last_verdict` being
  // that verdict; tries are judged in order, so it belongs to the oldest unjudged try. An event
  // that neither adds a try nor finds one we knew unjudged is a copy (every replica sends one)
  // and fills nothing.
  const qsizetype known = player->verdicts.size();
  player->tries = tries;
  while (player->verdicts.size() < tries) player->verdicts << QString();
  if (const QJsonValue last = event.value("last_verdict"); last.isString()) {
    const qsizetype pending = player->verdicts.indexOf(QString());
    if (pending >= 0 && (pending < known || tries > known))
      player->verdicts[pending] = last.toString();
    if (last.toString() == "AC") player->solved = true;
  }
}

void applyStarted(DuelMatch& match, const QJsonObject& event) {
  if (const QDateTime at = parseServerTime(event.value("started_at").toString()); at.isValid())
    match.startedAt = at;
  if (const QDateTime at = parseServerTime(event.value("ends_at").toString()); at.isValid())
    match.endsAt = at;
  if (const qint64 problem = event.value("problem_id").toInteger(); problem > 0)
    match.problemId = problem;
  if (match.state == "countdown") match.state = "active";
}

void applyFinished(DuelMatch& match, const QJsonObject& event) {
  match.state = "finished";
  match.result = resultFromJson(event);
}

QString progressText(const DuelPlayer& player) {
  if (player.tries == 0) return tr("no tries yet");
  QStringList shown;
  for (const QString& verdict : player.verdicts) shown << (verdict.isEmpty() ? QString("…") : verdict);
  const QString tries = player.tries == 1 ? tr("1 try") : tr("%1 tries").arg(player.tries);
  const QString list = shown.join(" · ");
  return player.solved ? tr("solved ✓ in %1: %2").arg(tries, list) : tr("%1: %2").arg(tries, list);
}

QString duelClockText(const DuelMatch& match, const QDateTime& serverNow) {
  switch (match.phaseAt(serverNow)) {
    case DuelPhase::Countdown:
      return tr("starts in %1").arg(formatCountdown(serverNow.msecsTo(match.startedAt)));
    case DuelPhase::Active:
      if (match.endsAt.isValid() && serverNow >= match.endsAt)
        return tr("time is up · judging the last tries");
      return match.endsAt.isValid()
                 ? tr("ends in %1").arg(formatCountdown(serverNow.msecsTo(match.endsAt)))
                 : tr("running");
    case DuelPhase::Finished: return tr("finished");
  }
  return {};
}

QString resultText(const DuelMatch& match, qint64 me) {
  if (!match.result) return {};
  const DuelResult& result = *match.result;
  const QString reason = result.reason.isEmpty() ? QString() : QString(" (%1)").arg(result.reason);
  QString text;
  if (!result.winnerId) text = tr("Draw%1").arg(reason);
  else if (*result.winnerId == me) text = tr("You won%1").arg(reason);
  else text = tr("You lost%1").arg(reason);
  const auto mine = std::find_if(result.ratingChanges.begin(), result.ratingChanges.end(),
                                 [me](const DuelRatingChange& c) { return c.userId == me; });
  if (mine == result.ratingChanges.end()) return text + tr(" · unrated");
  const int delta = mine->delta();
  return text + tr(" · rating %1 → %2 (%3%4)")
                    .arg(mine->previousRating)
                    .arg(mine->rating)
                    .arg(delta >= 0 ? "+" : "")
                    .arg(delta);
}

}  // namespace arena::desktop
