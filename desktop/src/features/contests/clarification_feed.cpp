#include "features/contests/clarification_feed.hpp"

#include <QCoreApplication>
#include <algorithm>

namespace arena::desktop {

std::optional<Clarification> clarificationFromJson(const QJsonObject& json) {
  Clarification item;
  item.id = json.value("id").toInteger();
  if (item.id <= 0) return std::nullopt;
  item.contestId = json.value("contest_id").toInteger();
  if (const QJsonValue problem = json.value("problem_id");
      !problem.isNull() && !problem.isUndefined())
    item.problemId = problem.toInteger();
  item.announcement = json.value("kind").toString() == "announcement";
  item.question = json.value("question").toString();
  item.answer = json.value("answer").toString();
  item.toAll = json.value("to_all").toBool();
  item.createdAt = json.value("created_at").toString();
  return item;
}

void mergeClarification(std::vector<Clarification>& list, const Clarification& item) {
  std::erase_if(list, [&](const Clarification& old) { return old.id == item.id; });
  list.push_back(item);
  // Ids grow with time: newest first is highest id first.
  std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
}

QString problemPrefix(const Clarification& item, const QHash<qint64, QString>& labels) {
  if (!item.problemId) return {};
  const QString label = labels.value(*item.problemId);
  return label.isEmpty() ? QString() : label + ": ";
}

std::optional<QString> notificationFor(const QString& type, const QJsonObject& data,
                                       qint64 contestId, const QHash<qint64, QString>& labels) {
  if (type != "announcement" && type != "clarification.answered") return std::nullopt;
  const auto item = clarificationFromJson(data);
  if (!item || item->contestId != contestId) return std::nullopt;
  const auto tr = [](const char* text) {
    return QCoreApplication::translate("ClarificationFeed", text);
  };
  const QString prefix = problemPrefix(*item, labels);
  if (item->announcement) return tr("Announcement: %1%2").arg(prefix, item->answer);
  return tr("Answer to \"%1%2\": %3").arg(prefix, item->question, item->answer);
}

}  // namespace arena::desktop
