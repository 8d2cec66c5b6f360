#pragma once
// The live channel (WebSocket /api/ws, contract in the helper brief).
//
// Theory of operation: start() connects with `Authorization: Bearer <access token>` (the token
// is asked for on every attempt, so a refreshed token is used on reconnect). Every close or
// failed attempt schedules a reconnect with backoff (doubling from 500 ms to 8 s, reset by a
// "hello"); a close with 4008 (the server found us too slow) is the same. After a reconnect the
// client refetches state over REST: `connectedChanged(true)` is that cue. Frames are JSON
// {"type","data"}; each becomes an `event`. Qt answers the server's pings itself; the server's
// 45 s silence rule is met because pongs count as traffic.

#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <functional>

namespace arena::desktop {

class LiveClient : public QObject {
  Q_OBJECT
 public:
  using TokenProvider = std::function<QString()>;
  LiveClient(QUrl url, TokenProvider token, QObject* parent = nullptr);
  ~LiveClient() override;

  void start();
  void stop();
  bool connected() const { return m_connected; }
  void setUrl(const QUrl& url) { m_url = url; }
  void subscribe(const QString& channel);

 signals:
  void connectedChanged(bool connected);
  void event(const QString& type, const QJsonObject& data);
  // The upgrade was refused or the connection failed (the owner may refresh the token).
  void connectFailed(const QString& why);

 private:
  void open();
  void onText(const QString& text);
  void onClosed();
  void scheduleReconnect();

  QUrl m_url;
  TokenProvider m_token;
  QWebSocket m_socket;
  QTimer m_reconnect;
  bool m_running = false;
  bool m_connected = false;
  int m_backoffMs = 500;
  QStringList m_channels;
};

}  // namespace arena::desktop
