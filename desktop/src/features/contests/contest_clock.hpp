#pragma once
// Contest time as the client shows it: the contest's instants from GET /api/contests, the
// server's clock estimated from `server_time` (a lab PC's clock is often minutes off, and a
// countdown to the start must agree with the server that enforces it), and the countdown text.
//
// Pure logic with no widgets, so the unit tests pin the arithmetic.

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace arena::desktop {

// "2026-11-26T11:51:16.123Z" (the server's formatTimestamp); invalid QDateTime when malformed.
QDateTime parseServerTime(const QString& text);

// The offset between the server's clock and ours, from one answer that carried server_time.
class ServerClock {
 public:
  // `serverTime` as sent, `localAtReceipt` our clock when the answer arrived.
  void observe(const QString& serverTime, const QDateTime& localAtReceipt);
  qint64 skewMs() const { return m_skewMs; }
  QDateTime now(const QDateTime& local = QDateTime::currentDateTimeUtc()) const {
    return local.addMSecs(m_skewMs);
  }

 private:
  qint64 m_skewMs = 0;
};

enum class ContestPhase { Scheduled, Running, Frozen, Ended };

struct ContestInfo {
  qint64 id = 0;
  QString name;
  QString rules;  // icpc | ioi
  QString state;  // as the server said: scheduled|running|frozen|ended|unfrozen
  QDateTime startsAt;
  QDateTime endsAt;
  std::optional<QDateTime> freezesAt;

  // The phase at `serverNow`: moves on by itself when a countdown crosses zero, without
  // waiting for a refetch.
  ContestPhase phaseAt(const QDateTime& serverNow) const;
  bool startedAt(const QDateTime& serverNow) const { return serverNow >= startsAt; }
};

// nullopt when the object lacks id, name or valid starts_at/ends_at.
std::optional<ContestInfo> contestFromJson(const QJsonObject& json);

// "3d 04:05:06" / "04:05:06" / "00:00:00" for a non-positive span.
QString formatCountdown(qint64 ms);

// The list's status column: "starts in 00:10:00", "running · ends in 01:59:00",
// "frozen · ends in 00:30:00", "ended".
QString contestStatusText(const ContestInfo& contest, const QDateTime& serverNow);

}  // namespace arena::desktop
