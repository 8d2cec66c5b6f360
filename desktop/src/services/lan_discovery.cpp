#include "services/lan_discovery.hpp"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>

namespace arena::desktop {

std::optional<DiscoveredServer> parseBeacon(const QByteArray& datagram, const QHostAddress& sender) {
  if (datagram.size() > 4096) return std::nullopt;
  const QJsonObject json = QJsonDocument::fromJson(datagram).object();
  if (json.value("service").toString() != "codearena") return std::nullopt;
  const int port = json.value("http_port").toInt(0);
  if (port <= 0 || port > 65535) return std::nullopt;
  QHostAddress address = sender;
  bool ipv4 = false;
  const quint32 v4 = address.toIPv4Address(&ipv4);  // ::ffff:a.b.c.d from a dual-stack socket
  if (ipv4) address = QHostAddress(v4);
  QUrl url;
  url.setScheme("http");
  url.setHost(address.toString());
  url.setPort(port);
  return DiscoveredServer{json.value("name").toString("CodeArena").left(80), url};
}

LanDiscovery::LanDiscovery(QObject* parent) : QObject(parent) {
  connect(&m_socket, &QUdpSocket::readyRead, this, &LanDiscovery::readPending);
}

bool LanDiscovery::start(quint16 port) {
  return m_socket.bind(QHostAddress::AnyIPv4, port,
                       QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint);
}

void LanDiscovery::stop() { m_socket.close(); }

void LanDiscovery::readPending() {
  while (m_socket.hasPendingDatagrams()) {
    const QNetworkDatagram datagram = m_socket.receiveDatagram(4096);
    if (auto server = parseBeacon(datagram.data(), datagram.senderAddress())) {
      emit serverFound(server->name, server->url);
    }
  }
}

}  // namespace arena::desktop
