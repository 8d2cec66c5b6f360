#include "services/api_client.hpp"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace arena::desktop {

namespace {
Q_LOGGING_CATEGORY(lcApi, "arena.desktop.api")
}

ApiClient::ApiClient(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

void ApiClient::setBaseUrl(const QUrl& url) {
  m_base = url;
  if (m_base.path().endsWith('/')) m_base.setPath(m_base.path().chopped(1));
}

QUrl ApiClient::liveUrl() const {
  QUrl url = m_base;
  url.setScheme(m_base.scheme() == "https" ? "wss" : "ws");
  url.setPath(m_base.path() + "/api/ws");
  return url;
}

void ApiClient::setTokens(const QString& access, const QString& refresh) {
  m_access = access;
  m_refresh = refresh;
  emit tokensChanged(m_access, m_refresh);
}

void ApiClient::setOnline(bool online) {
  if (online == m_online) return;
  m_online = online;
  emit onlineChanged(online);
}

ApiReply ApiClient::toReply(QNetworkReply* reply) const {
  ApiReply result;
  result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  const QByteArray bytes = reply->readAll();
  if (result.status == 0) {
    result.errorType = "network";
    result.errorMessage = reply->errorString();
    return result;
  }
  result.body = QJsonDocument::fromJson(bytes);
  if (!result.ok()) {
    const QJsonObject error = result.body.object().value("error").toObject();
    result.errorType = error.value("type").toString("http");
    result.errorMessage = error.value("message").toString(QString("HTTP %1").arg(result.status));
  }
  return result;
}

void ApiClient::send(Pending request, bool mayRefresh) {
  QNetworkRequest http(QUrl(m_base.toString() + request.path));
  http.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
  http.setTransferTimeout(m_timeoutMs);
  if (!m_access.isEmpty()) http.setRawHeader("Authorization", "Bearer " + m_access.toUtf8());
  QNetworkReply* reply =
      m_network->sendCustomRequest(http, request.method, request.method == "GET" ? QByteArray()
                                                                                 : request.body);
  connect(reply, &QNetworkReply::finished, this,
          [this, reply, request = std::move(request), mayRefresh]() mutable {
            reply->deleteLater();
            const ApiReply result = toReply(reply);
            setOnline(!result.networkError());
            if (result.status == 401 && mayRefresh && !m_refresh.isEmpty()) {
              refreshThen([this, request = std::move(request)](bool refreshed) mutable {
                if (refreshed) {
                  send(std::move(request), false);
                } else {
                  ApiReply refused;
                  refused.status = 401;
                  refused.errorType = "unauthorized";
                  refused.errorMessage = "the session has ended; log in again";
                  request.done(refused);
                }
              });
              return;
            }
            if (result.networkError()) {
              qCDebug(lcApi) << request.method << request.path << "no answer:" << result.errorMessage;
            }
            request.done(result);
          });
}

void ApiClient::refreshThen(std::function<void(bool)> next) {
  m_afterRefresh.push_back(std::move(next));
  if (m_refreshing) return;
  m_refreshing = true;
  const QString used = m_refresh;
  Pending refresh{"POST", "/api/auth/refresh",
                  QJsonDocument(QJsonObject{{"refresh_token", used}}).toJson(QJsonDocument::Compact),
                  [this](const ApiReply& reply) {
                    m_refreshing = false;
                    const bool ok = reply.ok();
                    if (ok) {
                      setTokens(reply.object().value("access_token").toString(),
                                reply.object().value("refresh_token").toString());
                    } else if (!reply.retryable()) {
                      setTokens({}, {});
                      emit sessionExpired();
                    }
                    auto waiting = std::move(m_afterRefresh);
                    m_afterRefresh.clear();
                    for (auto& callback : waiting) callback(ok);
                  }};
  m_access.clear();  // the refresh request itself carries no (expired) bearer
  send(std::move(refresh), false);
}

void ApiClient::login(const QString& user, const QString& password, ReplyCallback done) {
  QJsonObject body{{"password", password}};
  body.insert(user.contains('@') ? "email" : "username", user);
  post("/api/auth/login", body, [this, done = std::move(done)](const ApiReply& reply) {
    if (reply.ok()) {
      setTokens(reply.object().value("access_token").toString(),
                reply.object().value("refresh_token").toString());
    }
    done(reply);
  });
}

void ApiClient::resume(ReplyCallback done) {
  if (m_refresh.isEmpty()) {
    ApiReply none;
    none.status = 401;
    none.errorType = "unauthorized";
    none.errorMessage = "no stored session";
    done(none);
    return;
  }
  refreshThen([this, done = std::move(done)](bool ok) {
    if (ok) {
      get("/api/auth/me", done);
    } else {
      ApiReply failed;
      failed.status = m_refresh.isEmpty() ? 401 : 0;
      failed.errorType = failed.status == 401 ? "unauthorized" : "network";
      failed.errorMessage = failed.status == 401 ? "the session has ended" : "server unreachable";
      done(failed);
    }
  });
}

void ApiClient::logout(ReplyCallback done) {
  const QString token = m_refresh;
  setTokens({}, {});
  post("/api/auth/logout", QJsonObject{{"refresh_token", token}}, std::move(done));
}

void ApiClient::get(const QString& path, ReplyCallback done) {
  send(Pending{"GET", path, {}, std::move(done)}, true);
}

void ApiClient::post(const QString& path, const QJsonObject& body, ReplyCallback done) {
  send(Pending{"POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), std::move(done)},
       true);
}

void ApiClient::del(const QString& path, ReplyCallback done) {
  send(Pending{"DELETE", path, {}, std::move(done)}, true);
}

void ApiClient::postSubmission(const QJsonObject& body, ReplyCallback done) {
  post("/api/submissions", body, std::move(done));
}

}  // namespace arena::desktop
