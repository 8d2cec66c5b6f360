#include "app/app_context.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>

namespace arena::desktop {

std::unique_ptr<AppContext> AppContext::create(const AppOptions& options, QString* error) {
  std::unique_ptr<AppContext> app(new AppContext);
  app->m_dataDir = options.dataDir.isEmpty()
                       ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                       : options.dataDir;
  QDir().mkpath(app->m_dataDir);
  QFile::setPermissions(app->m_dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner);
  app->m_store = OfflineStore::open(QDir(app->m_dataDir).filePath("offline.sqlite"), error);
  if (!app->m_store) return nullptr;

  if (options.localRunner) {
    LocalRunnerOptions runnerOptions;
    runnerOptions.sandboxFirstUid = options.sandboxFirstUid;
    app->m_runner = LocalRunner::create(runnerOptions, &app->m_runnerError);
  }

  AppContext& self = *app;
  const QUrl server = options.server.value_or(QUrl(self.m_store->setting("server")));
  self.m_api.setBaseUrl(server);
  self.m_live = std::make_unique<LiveClient>(self.m_api.liveUrl(),
                                             [&self] { return self.m_api.accessToken(); });
  self.m_sync = std::make_unique<SubmissionSync>(*self.m_store, self.m_api, options.sync);
  self.m_tracker = std::make_unique<SubmissionTracker>(*self.m_store, self.m_api, self.m_live.get());
  self.m_tokens = std::make_unique<TokenStore>(self.m_dataDir, server.toString());

  connect(&self.m_api, &ApiClient::tokensChanged, &self,
          [&self](const QString&, const QString& refresh) { self.m_tokens->save(refresh); });
  connect(&self.m_api, &ApiClient::onlineChanged, &self, [&self](bool online) {
    if (online) self.m_sync->nudge();
  });
  connect(&self.m_api, &ApiClient::sessionExpired, &self, [&self] {
    self.m_live->stop();
    emit self.sessionEnded();
  });
  connect(self.m_live.get(), &LiveClient::connectedChanged, &self, [&self](bool connected) {
    if (connected) self.m_sync->nudge();
  });
  // A refused upgrade is usually an expired access token: any authenticated request refreshes
  // it, and the next reconnect uses the new one.
  connect(self.m_live.get(), &LiveClient::connectFailed, &self, [&self](const QString&) {
    if (self.m_refreshingForLive || !self.m_api.hasSession()) return;
    self.m_refreshingForLive = true;
    self.m_api.get("/api/auth/me", [&self](const ApiReply&) { self.m_refreshingForLive = false; });
  });
  connect(self.m_sync.get(), &SubmissionSync::sent, &self,
          [&self](const QString&, qint64, const QJsonObject& submission) {
            self.m_tracker->track(submission);
          });
  return app;
}

AppContext::~AppContext() {
  if (m_live) m_live->stop();
}

void AppContext::setServer(const QUrl& url) {
  m_api.setBaseUrl(url);
  m_live->setUrl(m_api.liveUrl());
  m_store->setSetting("server", url.toString());
  m_tokens = std::make_unique<TokenStore>(m_dataDir, url.toString());
}

void AppContext::startSession() {
  m_live->setUrl(m_api.liveUrl());
  m_live->start();
  m_sync->resume();
  m_tracker->refreshAll();
}

void AppContext::login(const QString& user, const QString& password, ReplyCallback done) {
  m_api.login(user, password, [this, done = std::move(done)](const ApiReply& reply) {
    if (reply.ok()) {
      startSession();
      emit loggedIn(reply.object().value("user").toObject());
    }
    done(reply);
  });
}

bool AppContext::resumeSession(ReplyCallback done) {
  const QString refresh = m_tokens->load();
  if (refresh.isEmpty() || m_api.baseUrl().isEmpty()) return false;
  m_api.setTokens({}, refresh);
  m_api.resume([this, done = std::move(done)](const ApiReply& reply) {
    // Offline with a stored session: keep working; the outbox and live client retry.
    if (reply.ok() || reply.networkError()) startSession();
    if (reply.ok()) emit loggedIn(reply.object());
    done(reply);
  });
  return true;
}

void AppContext::logout() {
  m_live->stop();
  m_api.logout([](const ApiReply&) {});
  m_tokens->clear();
}

void AppContext::loadProblems(std::function<void(QJsonArray, bool)> done) {
  m_api.get("/api/problems", [this, done = std::move(done)](const ApiReply& reply) {
    if (reply.ok()) {
      const QJsonArray problems = reply.object().value("problems").toArray();
      m_store->cacheProblemList(problems);
      done(problems, false);
    } else {
      done(m_store->problemList(), true);
    }
  });
}

void AppContext::loadProblem(const QString& slug,
                             std::function<void(std::optional<QJsonObject>, bool)> done) {
  m_api.get("/api/problems/" + QString::fromUtf8(QUrl::toPercentEncoding(slug)),
            [this, slug, done = std::move(done)](const ApiReply& reply) {
              if (reply.ok()) {
                m_store->cacheProblem(slug, reply.object());
                done(reply.object(), false);
              } else {
                done(m_store->problem(slug), true);
              }
            });
}

}  // namespace arena::desktop
