#pragma once
// The desktop's own SQLite file (QtSql): what the contestant needs when the server is gone.
//
//   problems      the list and each opened problem (the server's JSON, as received)
//   code          the editor's text per problem and language, written on every change
//   outbox        submissions made here, keyed by the client-generated id sent as client_id;
//                 state pending -> sent (with the server's id) or rejected (the server said no)
//   submissions   own submissions as the server last described them
//   settings      key/value (server URL, font size, theme, ...)
//
// WAL journal with synchronous=NORMAL: a committed write survives the app being killed (only a
// power cut can lose the last transaction), and a write per keystroke costs well under a
// millisecond. Methods are synchronous and GUI-thread only.

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <optional>
#include <vector>

namespace arena::desktop {

struct OutboxEntry {
  enum class State { Pending, Sent, Rejected };
  QString clientId;
  qint64 problemId = 0;
  QString problemSlug;
  QString language;
  QString code;
  qint64 createdAtMs = 0;  // local clock, when the contestant pressed Submit
  State state = State::Pending;
  qint64 serverId = 0;     // once sent
  int attempts = 0;
  QString lastError;
  qint64 contestId = 0;    // the contest it was made in; 0 for practice
};

class OfflineStore {
 public:
  // Opens (creating) the file; nullopt with `error` set when it cannot.
  static std::optional<OfflineStore> open(const QString& file, QString* error = nullptr);
  OfflineStore(OfflineStore&& other) noexcept;
  OfflineStore& operator=(OfflineStore&& other) noexcept;
  OfflineStore(const OfflineStore&) = delete;
  ~OfflineStore();

  void cacheProblemList(const QJsonArray& problems);
  QJsonArray problemList() const;
  void cacheProblem(const QString& slug, const QJsonObject& problem);
  std::optional<QJsonObject> problem(const QString& slug) const;

  void saveCode(const QString& problemSlug, const QString& language, const QString& code);
  std::optional<QString> code(const QString& problemSlug, const QString& language) const;

  bool addToOutbox(const OutboxEntry& entry);
  std::vector<OutboxEntry> outbox(std::optional<OutboxEntry::State> state = std::nullopt) const;
  std::optional<OutboxEntry> outboxEntry(const QString& clientId) const;
  void markSent(const QString& clientId, qint64 serverId);
  void markRejected(const QString& clientId, const QString& why);
  void noteAttempt(const QString& clientId, const QString& error);

  // Own submissions (toJson(Submission) objects); newest first.
  void upsertSubmission(const QJsonObject& submission);
  std::optional<QJsonObject> submission(qint64 id) const;
  std::vector<QJsonObject> submissions() const;
  // Server ids of own submissions that are not judged yet (nor given up on: status unknown).
  std::vector<qint64> unjudgedSubmissionIds() const;

  void setSetting(const QString& key, const QString& value);
  QString setting(const QString& key, const QString& fallback = {}) const;

 private:
  explicit OfflineStore(QString connectionName);
  QSqlDatabase db() const;
  void close() noexcept;

  QString m_connection;
};

}  // namespace arena::desktop
