#pragma once
// The composition root: owns every service and wires them together, with no widgets, so the
// end-to-end tests drive exactly what the window drives.
//
//   store  <- sync (outbox)  -> api (REST)        sync.sent -> tracker.track
//   live (WebSocket) -> tracker (events; polls when live is down)
//   api.onlineChanged(true), live connected  -> sync.nudge() (send the outbox now)
//   api.tokensChanged -> tokens (keychain or 0600 file)

#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>
#include <optional>

#include "services/api_client.hpp"
#include "services/lan_discovery.hpp"
#include "services/live_client.hpp"
#include "services/local_runner.hpp"
#include "services/offline_store.hpp"
#include "services/submission_sync.hpp"
#include "services/submission_tracker.hpp"
#include "services/token_store.hpp"

namespace arena::desktop {

struct AppOptions {
  QString dataDir;                  // store, token file; empty: the platform's app data dir
  std::optional<QUrl> server;       // overrides the stored server URL
  bool localRunner = true;
  std::uint32_t sandboxFirstUid = 300000;
  SyncOptions sync;
};

class AppContext : public QObject {
  Q_OBJECT
 public:
  static std::unique_ptr<AppContext> create(const AppOptions& options, QString* error);
  ~AppContext() override;

  OfflineStore& store() { return *m_store; }
  ApiClient& api() { return m_api; }
  LiveClient& live() { return *m_live; }
  SubmissionSync& sync() { return *m_sync; }
  SubmissionTracker& tracker() { return *m_tracker; }
  LocalRunner* runner() { return m_runner.get(); }
  TokenStore& tokens() { return *m_tokens; }
  const QString& runnerError() const { return m_runnerError; }
  QString dataDir() const { return m_dataDir; }

  void setServer(const QUrl& url);
  QUrl server() const { return m_api.baseUrl(); }
  void login(const QString& user, const QString& password, ReplyCallback done);
  // Resumes the stored session (refresh token) with the stored server; false if there is none.
  bool resumeSession(ReplyCallback done);
  void logout();

  // The problem list, from the server when it answers (and then cached), else the cache.
  void loadProblems(std::function<void(QJsonArray, bool fromCache)> done);
  void loadProblem(const QString& slug, std::function<void(std::optional<QJsonObject>, bool)> done);

 signals:
  void loggedIn(const QJsonObject& user);
  void sessionEnded();

 private:
  AppContext() = default;
  void startSession();

  QString m_dataDir;
  std::optional<OfflineStore> m_store;
  ApiClient m_api;
  std::unique_ptr<LiveClient> m_live;
  std::unique_ptr<SubmissionSync> m_sync;
  std::unique_ptr<SubmissionTracker> m_tracker;
  std::unique_ptr<LocalRunner> m_runner;
  std::unique_ptr<TokenStore> m_tokens;
  QString m_runnerError;
  bool m_refreshingForLive = false;
};

}  // namespace arena::desktop
