#include "features/contests/contest_clock.hpp"

#include <QCoreApplication>

namespace arena::desktop {

QDateTime parseServerTime(const QString& text) {
  QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
  if (!at.isValid()) return {};
  return at.toUTC();
}

void ServerClock::observe(const QString& serverTime, const QDateTime& localAtReceipt) {
  const QDateTime server = parseServerTime(serverTime);
  if (!server.isValid() || !localAtReceipt.isValid()) return;
  m_skewMs = localAtReceipt.msecsTo(server);
}

ContestPhase ContestInfo::phaseAt(const QDateTime& serverNow) const {
  if (serverNow < startsAt) return ContestPhase::Scheduled;
  if (serverNow >= endsAt) return ContestPhase::Ended;
  // An unfrozen board stays unfrozen; otherwise the freeze time decides.
  if (state != "unfrozen" && freezesAt && serverNow >= *freezesAt) return ContestPhase::Frozen;
  return ContestPhase::Running;
}

std::optional<ContestInfo> contestFromJson(const QJsonObject& json) {
  ContestInfo info;
  info.id = json.value("id").toInteger();
  info.name = json.value("name").toString();
  info.rules = json.value("rules").toString();
  info.state = json.value("state").toString();
  info.startsAt = parseServerTime(json.value("starts_at").toString());
  info.endsAt = parseServerTime(json.value("ends_at").toString());
  if (const QJsonValue freeze = json.value("freezes_at"); freeze.isString()) {
    const QDateTime at = parseServerTime(freeze.toString());
    if (at.isValid()) info.freezesAt = at;
  }
  if (info.id <= 0 || info.name.isEmpty() || !info.startsAt.isValid() || !info.endsAt.isValid())
    return std::nullopt;
  return info;
}

QString formatCountdown(qint64 ms) {
  if (ms < 0) ms = 0;
  // Round up: "starts in 00:00:01" until the very moment it starts, never "00:00:00" early.
  const qint64 total = (ms + 999) / 1000;
  const qint64 days = total / 86400;
  const QString clock = QString("%1:%2:%3")
                            .arg((total / 3600) % 24, 2, 10, QChar('0'))
                            .arg((total / 60) % 60, 2, 10, QChar('0'))
                            .arg(total % 60, 2, 10, QChar('0'));
  return days > 0 ? QString("%1d %2").arg(days).arg(clock) : clock;
}

QString contestStatusText(const ContestInfo& contest, const QDateTime& serverNow) {
  const auto tr = [](const char* text) {
    return QCoreApplication::translate("ContestClock", text);
  };
  switch (contest.phaseAt(serverNow)) {
    case ContestPhase::Scheduled:
      return tr("starts in %1").arg(formatCountdown(serverNow.msecsTo(contest.startsAt)));
    case ContestPhase::Running:
      return tr("running · ends in %1").arg(formatCountdown(serverNow.msecsTo(contest.endsAt)));
    case ContestPhase::Frozen:
      return tr("frozen · ends in %1").arg(formatCountdown(serverNow.msecsTo(contest.endsAt)));
    case ContestPhase::Ended:
      return contest.state == "unfrozen" ? tr("ended · final board") : tr("ended");
  }
  return {};
}

}  // namespace arena::desktop
