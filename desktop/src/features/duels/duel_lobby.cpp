#include "features/duels/duel_lobby.hpp"

#include <QCoreApplication>
#include <algorithm>

#include "features/contests/contest_clock.hpp"

namespace arena::desktop {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("DuelLobby", text); }

std::optional<int> optionalInt(const QJsonObject& json, const char* key) {
  const QJsonValue value = json.value(key);
  if (!value.isDouble()) return std::nullopt;
  return value.toInt();
}

}  // namespace

bool DuelLobby::findMatch() {
  if (m_state != LobbyState::Idle) return false;
  m_state = LobbyState::Joining;
  m_error.clear();
  m_ticket.reset();
  return true;
}

void DuelLobby::enqueued(qint64 nowMs) {
  if (m_state != LobbyState::Joining) return;  // cancelled meanwhile, or matched already
  m_state = LobbyState::Queued;
  m_queuedAtMs = nowMs;
  m_serverWaitedMs.reset();
  m_gap.reset();
  m_queueSize.reset();
}

void DuelLobby::enqueueFailed(const QString& why) {
  if (m_state != LobbyState::Joining) return;
  m_state = LobbyState::Idle;
  m_error = why;
}

bool DuelLobby::cancel() {
  if (m_state != LobbyState::Joining && m_state != LobbyState::Queued) return false;
  m_state = LobbyState::Idle;
  m_error.clear();
  return true;
}

std::optional<MatchTicket> DuelLobby::statusAnswered(const QJsonObject& status, qint64 nowMs) {
  if (m_state != LobbyState::Queued) return std::nullopt;  // an answer to a question moot now
  const QString what = status.value("status").toString();
  if (what == "matched") {
    const qint64 id = status.value("match_id").toInteger();
    if (id <= 0) return std::nullopt;  // matched without an id: the next dequeue poll tells
    const MatchTicket ticket{id, 0};
    if (!matched(ticket)) return std::nullopt;
    return ticket;
  }
  if (what == "idle") {
    // The server no longer has us (e.g. we were refused a pair and dropped): say so rather
    // than tick forever.
    m_state = LobbyState::Idle;
    m_error = tr("The server took you out of the queue; try again.");
    return std::nullopt;
  }
  if (what != "queued") return std::nullopt;
  if (const QJsonValue waited = status.value("waited_ms"); waited.isDouble()) {
    m_serverWaitedMs = waited.toInteger();
    m_serverObservedAtMs = nowMs;
  }
  m_gap = optionalInt(status, "rating_gap");
  if (auto rating = optionalInt(status, "rating")) m_rating = rating;
  m_queueSize = optionalInt(status, "queue_size");
  return std::nullopt;
}

bool DuelLobby::matched(const MatchTicket& ticket) {
  if (ticket.matchId <= 0) return false;
  if (m_ticket && m_ticket->matchId == ticket.matchId) {
    if (m_ticket->problemId == 0) m_ticket->problemId = ticket.problemId;
    return false;
  }
  // In a duel already: a second match cannot be (the server forbids it); ignore a stale one.
  if (m_state == LobbyState::Matched) return false;
  m_state = LobbyState::Matched;
  m_ticket = ticket;
  m_error.clear();
  return true;
}

void DuelLobby::reset() {
  m_state = LobbyState::Idle;
  m_ticket.reset();
  m_serverWaitedMs.reset();
  m_gap.reset();
  m_queueSize.reset();
}

qint64 DuelLobby::waitedMs(qint64 nowMs) const {
  if (m_state != LobbyState::Queued) return 0;
  if (m_serverWaitedMs) return std::max<qint64>(0, *m_serverWaitedMs + (nowMs - m_serverObservedAtMs));
  return std::max<qint64>(0, nowMs - m_queuedAtMs);
}

QString DuelLobby::statusText(qint64 nowMs) const {
  switch (m_state) {
    case LobbyState::Idle:
      return m_error.isEmpty() ? tr("Not in the queue.") : m_error;
    case LobbyState::Joining:
      return tr("Joining the queue…");
    case LobbyState::Matched:
      return tr("Matched! Opening duel #%1…").arg(m_ticket ? m_ticket->matchId : 0);
    case LobbyState::Queued: break;
  }
  // Whole seconds waited, rounded down (formatCountdown rounds up, as a countdown should).
  const qint64 waited = waitedMs(nowMs);
  QString text = tr("Waiting %1").arg(formatCountdown(waited - waited % 1000));
  text += m_gap ? tr(" · rating gap ±%1").arg(*m_gap) : tr(" · rating gap —");
  if (m_queueSize) text += tr(" · %1 in the queue").arg(*m_queueSize);
  return text;
}

}  // namespace arena::desktop
