#pragma once
// Clarifications and announcements of a contest (GET /api/contests/{id}/clarifications and the
// live events clarification.answered / announcement), and the one-line notification a live
// event becomes. Pure logic.

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

namespace arena::desktop {

struct Clarification {
  qint64 id = 0;
  qint64 contestId = 0;
  std::optional<qint64> problemId;
  bool announcement = false;
  QString question;  // empty for announcements
  QString answer;    // the announcement's text; empty while unanswered
  bool toAll = false;
  QString createdAt;
};

std::optional<Clarification> clarificationFromJson(const QJsonObject& json);

// Newest first; a repeated id (an event for one already listed) replaces the old entry.
void mergeClarification(std::vector<Clarification>& list, const Clarification& item);

// "A: " for a problem the labels know, "" for the whole contest.
QString problemPrefix(const Clarification& item, const QHash<qint64, QString>& labels);

// The notification for a live event, or nullopt when the event is not one to tell about
// (another contest's, or a type this feature does not handle).
std::optional<QString> notificationFor(const QString& type, const QJsonObject& data,
                                       qint64 contestId, const QHash<qint64, QString>& labels);

}  // namespace arena::desktop
