#include "services/live_client.hpp"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkRequest>

namespace arena::desktop {

namespace {
Q_LOGGING_CATEGORY(lcLive, "arena.desktop.live")
constexpr int kInitialBackoffMs = 500;
constexpr int kMaxBackoffMs = 8000;
}  // namespace

LiveClient::LiveClient(QUrl url, TokenProvider token, QObject* parent)
    : QObject(parent), m_url(std::move(url)), m_token(std::move(token)) {
  m_reconnect.setSingleShot(true);
  connect(&m_reconnect, &QTimer::timeout, this, &LiveClient::open);
  connect(&m_socket, &QWebSocket::textMessageReceived, this, &LiveClient::onText);
  connect(&m_socket, &QWebSocket::disconnected, this, &LiveClient::onClosed);
  connect(&m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
          [this](QAbstractSocket::SocketError) {
            qCDebug(lcLive) << "live channel error:" << m_socket.errorString();
            emit connectFailed(m_socket.errorString());
            // A failed handshake may not emit disconnected; make sure a retry is scheduled.
            if (!m_connected) scheduleReconnect();
          });
}

LiveClient::~LiveClient() { stop(); }

void LiveClient::start() {
  m_running = true;
  m_backoffMs = kInitialBackoffMs;
  open();
}

void LiveClient::stop() {
  m_running = false;
  m_reconnect.stop();
  m_socket.abort();
  if (m_connected) {
    m_connected = false;
    emit connectedChanged(false);
  }
}

void LiveClient::subscribe(const QString& channel) {
  if (!m_channels.contains(channel)) m_channels << channel;
  if (m_connected) {
    const QJsonObject frame{{"type", "subscribe"}, {"data", QJsonObject{{"channel", channel}}}};
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
  }
}

void LiveClient::open() {
  if (!m_running) return;
  m_socket.abort();
  QNetworkRequest request(m_url);
  const QString token = m_token ? m_token() : QString();
  if (!token.isEmpty()) request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
  m_socket.open(request);
}

void LiveClient::onText(const QString& text) {
  const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
  const QString type = frame.value("type").toString();
  if (type.isEmpty()) return;
  if (type == "hello") {
    m_backoffMs = kInitialBackoffMs;
    m_connected = true;
    for (const QString& channel : m_channels) {
      const QJsonObject sub{{"type", "subscribe"}, {"data", QJsonObject{{"channel", channel}}}};
      m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(sub).toJson(QJsonDocument::Compact)));
    }
    emit connectedChanged(true);
  }
  emit event(type, frame.value("data").toObject());
}

void LiveClient::onClosed() {
  const bool was = m_connected;
  m_connected = false;
  if (was) emit connectedChanged(false);
  scheduleReconnect();
}

void LiveClient::scheduleReconnect() {
  if (!m_running || m_reconnect.isActive()) return;
  m_reconnect.start(m_backoffMs);
  m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
}

}  // namespace arena::desktop
