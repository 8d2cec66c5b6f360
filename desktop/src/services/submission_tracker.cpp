#include "services/submission_tracker.hpp"

namespace arena::desktop {

SubmissionTracker::SubmissionTracker(OfflineStore& store, ApiClient& api, LiveClient* live,
                                     QObject* parent)
    : QObject(parent), m_store(store), m_api(api), m_live(live) {
  m_poll.setInterval(1000);
  connect(&m_poll, &QTimer::timeout, this, &SubmissionTracker::pollIfOffline);
  m_poll.start();
  if (m_live != nullptr) {
    connect(m_live, &LiveClient::event, this, &SubmissionTracker::onEvent);
    connect(m_live, &LiveClient::connectedChanged, this, [this](bool connected) {
      if (connected) refreshAll();
    });
  }
}

void SubmissionTracker::track(const QJsonObject& submission) {
  const qint64 id = submission.value("id").toInteger();
  if (id <= 0) return;
  // The 202 body is partial; keep a fuller row if one exists already (a repeated client_id).
  if (!m_store.submission(id)) {
    QJsonObject row = submission;
    if (!row.contains("status")) row.insert("status", "queued");
    m_store.upsertSubmission(row);
  }
  emit updated(*m_store.submission(id));
  fetch(id);
}

void SubmissionTracker::refreshAll() {
  for (const qint64 id : m_store.unjudgedSubmissionIds()) fetch(id);
}

void SubmissionTracker::pollIfOffline() {
  if (m_live != nullptr && m_live->connected()) return;
  refreshAll();
}

void SubmissionTracker::fetch(qint64 id) {
  if (!m_fetching.insert(id).second) return;
  m_api.get(QString("/api/submissions/%1").arg(id), [this, id](const ApiReply& reply) {
    m_fetching.erase(id);
    if (!reply.ok()) {
      if (reply.status == 404) {
        // Not ours (another account on this machine), or gone: stop following it rather than
        // poll forever, and never invent a verdict for it.
        QJsonObject row = m_store.submission(id).value_or(QJsonObject{{"id", id}});
        row.insert("status", "unknown");
        m_store.upsertSubmission(row);
      }
      return;
    }
    const QJsonObject submission = reply.object();
    const auto before = m_store.submission(id);
    m_store.upsertSubmission(submission);
    if (!before || *before != submission) emit updated(submission);
    if (submission.value("status").toString() == "judged" &&
        (!before || before->value("status").toString() != "judged")) {
      emit judged(submission);
    }
  });
}

void SubmissionTracker::onEvent(const QString& type, const QJsonObject& data) {
  if (!type.startsWith("submission.")) return;
  const qint64 id = data.value("id").toInteger();
  if (id <= 0) return;
  if (type == "submission.progress") {
    emit progress(id, data.value("stage").toString(), data.value("test").toInt(),
                  data.value("total").toInt(), {});
  } else if (type == "submission.test") {
    emit progress(id, "test", data.value("test").toInt(), data.value("total").toInt(),
                  data.value("verdict").toString());
  } else if (type == "submission.verdict") {
    fetch(id);
  }
}

}  // namespace arena::desktop
