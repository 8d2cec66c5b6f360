#pragma once
// The outbox: every submission goes through it, online or not.
//
// Theory of operation: submit() writes an outbox row first (a client-generated UUID, the code,
// the local time) and only then tries to send; so a submission survives the server being away,
// the network dropping, and the app being killed. One row is in flight at a time, oldest first.
// The server treats client_id as an idempotency key (a repeated client_id answers with the
// first submission), so a request whose answer was lost is simply sent again: the row becomes
// "sent" with the server's id exactly once, whatever happened in between.
//
// Answers: 2xx -> sent; no answer, 5xx, 408, 429 -> retry after a backoff (doubling from
// `initialBackoffMs` to `maxBackoffMs`); 401 (the ApiClient already tried a refresh) -> stop
// and say authenticationRequired (resume() after a new login); any other 4xx -> rejected with
// the server's message (sending it again cannot help). nudge() retries at once (the server was
// seen again, e.g. another request got through or the live channel reconnected).

#include <QObject>
#include <QTimer>

#include "services/api_client.hpp"
#include "services/offline_store.hpp"

namespace arena::desktop {

struct SyncOptions {
  int initialBackoffMs = 500;
  int maxBackoffMs = 4000;
};

class SubmissionSync : public QObject {
  Q_OBJECT
 public:
  SubmissionSync(OfflineStore& store, SubmissionTransport& transport, SyncOptions options = {},
                 QObject* parent = nullptr);

  // Queues a submission and returns its client id; `contestId` > 0 makes it a contest's.
  QString submit(qint64 problemId, const QString& problemSlug, const QString& language,
                 const QString& code, qint64 contestId = 0);
  int pendingCount() const;
  bool paused() const { return m_paused; }

 public slots:
  void nudge();
  void resume();

 signals:
  void outboxChanged();
  // The server took the submission: its row and id (the 202/200 body).
  void sent(const QString& clientId, qint64 serverId, const QJsonObject& submission);
  void rejected(const QString& clientId, const QString& why);
  void authenticationRequired();

 private:
  void sendNext();
  void scheduleRetry();

  OfflineStore& m_store;
  SubmissionTransport& m_transport;
  SyncOptions m_options;
  QTimer m_retry;
  bool m_inFlight = false;
  bool m_paused = false;
  int m_failures = 0;
};

}  // namespace arena::desktop
