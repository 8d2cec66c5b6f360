#pragma once
// Listens for the lab server's UDP beacon (server/src/app/lan_beacon.hpp): a JSON datagram
// {"service":"codearena","name":...,"http_port":N,"version":1} on port 47800 every ~2 s. The
// server's URL is the datagram's sender address with http_port. Anything else on the port is
// ignored.

#include <QObject>
#include <QUdpSocket>
#include <QUrl>
#include <optional>

namespace arena::desktop {

inline constexpr quint16 kBeaconPort = 47800;

struct DiscoveredServer {
  QString name;
  QUrl url;
};

// Parses one datagram from `sender`; nullopt when it is not a CodeArena beacon.
std::optional<DiscoveredServer> parseBeacon(const QByteArray& datagram, const QHostAddress& sender);

class LanDiscovery : public QObject {
  Q_OBJECT
 public:
  explicit LanDiscovery(QObject* parent = nullptr);
  // False when the port cannot be bound (another listener without SO_REUSEADDR).
  bool start(quint16 port = kBeaconPort);
  void stop();

 signals:
  void serverFound(const QString& name, const QUrl& url);

 private:
  void readPending();
  QUdpSocket m_socket;
};

}  // namespace arena::desktop
