#include "services/submission_sync.hpp"

#include <QDateTime>
#include <QLoggingCategory>
#include <QUuid>
#include <algorithm>

namespace arena::desktop {

namespace {
Q_LOGGING_CATEGORY(lcSync, "arena.desktop.sync")
}

SubmissionSync::SubmissionSync(OfflineStore& store, SubmissionTransport& transport,
                               SyncOptions options, QObject* parent)
    : QObject(parent), m_store(store), m_transport(transport), m_options(options) {
  m_retry.setSingleShot(true);
  connect(&m_retry, &QTimer::timeout, this, &SubmissionSync::sendNext);
}

QString SubmissionSync::submit(qint64 problemId, const QString& problemSlug,
                               const QString& language, const QString& code, qint64 contestId) {
  OutboxEntry entry;
  entry.clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  entry.problemId = problemId;
  entry.problemSlug = problemSlug;
  entry.language = language;
  entry.code = code;
  entry.contestId = contestId;
  entry.createdAtMs = QDateTime::currentMSecsSinceEpoch();
  if (!m_store.addToOutbox(entry)) return {};
  emit outboxChanged();
  if (!m_retry.isActive()) sendNext();  // while backing off, the timer sends it
  return entry.clientId;
}

int SubmissionSync::pendingCount() const {
  return static_cast<int>(m_store.outbox(OutboxEntry::State::Pending).size());
}

void SubmissionSync::nudge() {
  if (m_paused || m_inFlight) return;
  m_retry.stop();
  m_failures = 0;
  sendNext();
}

void SubmissionSync::resume() {
  m_paused = false;
  nudge();
}

void SubmissionSync::scheduleRetry() {
  const int shift = std::min(m_failures, 16);
  const qint64 delay = std::min<qint64>(qint64{m_options.initialBackoffMs} << shift,
                                        m_options.maxBackoffMs);
  ++m_failures;
  m_retry.start(static_cast<int>(delay));
}

void SubmissionSync::sendNext() {
  if (m_paused || m_inFlight) return;
  const auto pending = m_store.outbox(OutboxEntry::State::Pending);
  if (pending.empty()) return;
  const OutboxEntry entry = pending.front();
  m_inFlight = true;
  QJsonObject body{{"problem_id", entry.problemId},
                   {"language", entry.language},
                   {"code", entry.code},
                   {"client_id", entry.clientId}};
  if (entry.contestId > 0) {
    body["contest_id"] = entry.contestId;
    // When it was made: the server accepts it after the end within the contest's offline grace.
    body["client_time"] =
        QDateTime::fromMSecsSinceEpoch(entry.createdAtMs, Qt::UTC).toString(Qt::ISODateWithMs);
  }
  m_transport.postSubmission(body, [this, clientId = entry.clientId](const ApiReply& reply) {
    m_inFlight = false;
    if (reply.ok()) {
      const QJsonObject submission = reply.object();
      const qint64 serverId = submission.value("id").toInteger();
      m_store.markSent(clientId, serverId);
      m_failures = 0;
      qCInfo(lcSync) << "sent" << clientId << "as submission" << serverId;
      emit sent(clientId, serverId, submission);
      emit outboxChanged();
      sendNext();
      return;
    }
    m_store.noteAttempt(clientId, reply.errorMessage);
    if (reply.retryable()) {
      qCInfo(lcSync) << "server away, retrying" << clientId << reply.errorMessage;
      scheduleRetry();
    } else if (reply.status == 401) {
      m_paused = true;
      emit authenticationRequired();
    } else {
      m_store.markRejected(clientId, reply.errorMessage);
      emit rejected(clientId, reply.errorMessage);
      emit outboxChanged();
      sendNext();
    }
  });
}

}  // namespace arena::desktop
