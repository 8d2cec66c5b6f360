#pragma once
// Follows own submissions until they are judged.
//
// Theory of operation: a submission the server accepted is "unjudged" in the store until its
// row says status "judged". While the live channel is connected, `submission.*` events drive
// progress and a `submission.verdict` triggers one GET /api/submissions/{id} (the per-test
// detail). While it is not connected, every unjudged submission is polled each second. When the
// channel (re)connects, every unjudged one is fetched once (events missed while away are not
// replayed: REST is the resume).

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <set>

#include "services/api_client.hpp"
#include "services/live_client.hpp"
#include "services/offline_store.hpp"

namespace arena::desktop {

class SubmissionTracker : public QObject {
  Q_OBJECT
 public:
  SubmissionTracker(OfflineStore& store, ApiClient& api, LiveClient* live,
                    QObject* parent = nullptr);

  // Starts following a submission the server accepted (its 202 body).
  void track(const QJsonObject& submission);
  void setPollIntervalMs(int ms) { m_poll.setInterval(ms); }
  void refreshAll();

 signals:
  // Any change of a submission (status, verdict, tests).
  void updated(const QJsonObject& submission);
  // A live progress step {id, stage, test, total} or test result {id, test, total, verdict,...}.
  void progress(qint64 id, const QString& stage, int test, int total, const QString& verdict);
  void judged(const QJsonObject& submission);

 private:
  void onEvent(const QString& type, const QJsonObject& data);
  void fetch(qint64 id);
  void pollIfOffline();

  OfflineStore& m_store;
  ApiClient& m_api;
  LiveClient* m_live;
  QTimer m_poll;
  std::set<qint64> m_fetching;
};

}  // namespace arena::desktop
