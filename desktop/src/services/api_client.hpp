#pragma once
// The REST client (the API contract in the helper brief): JSON over QNetworkAccessManager,
// asynchronous, every answer delivered to a callback on the GUI thread as an ApiReply.
//
// Theory of operation: requests carry the access token. A 401 on an authenticated request
// triggers one refresh (POST /api/auth/refresh with the stored refresh token) and one retry.
// Refresh tokens rotate and a reused one revokes its whole family, so at most one refresh is in
// flight: requests that hit 401 meanwhile wait for it. A refused refresh ends the session
// (sessionExpired). Every answer (or its absence) updates `online`: the sync and the UI use it
// to tell "the server is away" from "the server said no".

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace arena::desktop {

struct ApiReply {
  int status = 0;        // HTTP status; 0 when no answer came (network down, timeout)
  QJsonDocument body;
  QString errorType;     // from {"error":{"type","message"}} or "network"
  QString errorMessage;

  bool ok() const { return status >= 200 && status < 300; }
  bool networkError() const { return status == 0; }
  // Worth sending again later: no answer, the server's own trouble, or rate limiting.
  bool retryable() const { return status == 0 || status >= 500 || status == 429 || status == 408; }
  QJsonObject object() const { return body.object(); }
};
using ReplyCallback = std::function<void(const ApiReply&)>;

// What the outbox needs from the API: a seam for the sync's unit tests.
class SubmissionTransport {
 public:
  virtual ~SubmissionTransport() = default;
  virtual void postSubmission(const QJsonObject& body, ReplyCallback done) = 0;
};

class ApiClient : public QObject, public SubmissionTransport {
  Q_OBJECT
 public:
  explicit ApiClient(QObject* parent = nullptr);

  void setBaseUrl(const QUrl& url);
  QUrl baseUrl() const { return m_base; }
  // The WebSocket URL of the live channel (ws:// or wss:// on the same host and port).
  QUrl liveUrl() const;

  void setTokens(const QString& access, const QString& refresh);
  QString accessToken() const { return m_access; }
  QString refreshToken() const { return m_refresh; }
  bool hasSession() const { return !m_refresh.isEmpty(); }
  bool online() const { return m_online; }
  // Milliseconds before an unanswered request counts as a network error.
  void setTimeoutMs(int ms) { m_timeoutMs = ms; }

  void login(const QString& user, const QString& password, ReplyCallback done);
  // Exchanges the stored refresh token for fresh tokens (e.g. at start-up).
  void resume(ReplyCallback done);
  void logout(ReplyCallback done);

  void get(const QString& path, ReplyCallback done);
  void post(const QString& path, const QJsonObject& body, ReplyCallback done);
  void del(const QString& path, ReplyCallback done);  // DELETE, no body
  void postSubmission(const QJsonObject& body, ReplyCallback done) override;

 signals:
  void tokensChanged(const QString& access, const QString& refresh);
  void sessionExpired();
  void onlineChanged(bool online);

 private:
  struct Pending {
    QByteArray method;
    QString path;
    QByteArray body;
    ReplyCallback done;
  };
  void send(Pending request, bool mayRefresh);
  void refreshThen(std::function<void(bool)> next);
  void setOnline(bool online);
  ApiReply toReply(QNetworkReply* reply) const;

  QNetworkAccessManager* m_network;
  QUrl m_base;
  QString m_access;
  QString m_refresh;
  bool m_online = false;
  int m_timeoutMs = 10'000;
  bool m_refreshing = false;
  std::vector<std::function<void(bool)>> m_afterRefresh;
};

}  // namespace arena::desktop
