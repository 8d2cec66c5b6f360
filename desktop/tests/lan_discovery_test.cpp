// The client side of the LAN beacon: a CodeArena datagram becomes a server URL; anything else
// on the port is ignored.

#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include "services/lan_discovery.hpp"

using namespace arena::desktop;

class LanDiscoveryTest : public QObject {
  Q_OBJECT
 private slots:
  void beaconGivesTheSendersAddressWithTheAnnouncedPort() {
    const auto server = parseBeacon(R"({"service":"codearena","name":"Lab 3","http_port":8123,"version":1})",
                                    QHostAddress("10.1.2.3"));
    QVERIFY(server.has_value());
    QCOMPARE(server->name, QString("Lab 3"));
    QCOMPARE(server->url, QUrl("http://10.1.2.3:8123"));
  }

  void ipv4MappedSenderIsShownAsPlainIpv4() {
    const auto server = parseBeacon(R"({"service":"codearena","http_port":80})", QHostAddress("::ffff:10.0.0.7"));
    QVERIFY(server.has_value());
    QCOMPARE(server->url.host(), QString("10.0.0.7"));
  }

  void otherTrafficIsIgnored() {
    const QHostAddress sender("10.0.0.1");
    QVERIFY(!parseBeacon("hello", sender));
    QVERIFY(!parseBeacon(R"({"service":"other","http_port":80})", sender));
    QVERIFY(!parseBeacon(R"({"service":"codearena","http_port":0})", sender));
    QVERIFY(!parseBeacon(R"({"service":"codearena","http_port":70000})", sender));
    QVERIFY(!parseBeacon(R"({"service":"codearena"})", sender));
    QVERIFY(!parseBeacon(QByteArray(5000, '{'), sender));
  }

  void listenerReportsADatagramSentToItsPort() {
    QUdpSocket probe;
    QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
    const quint16 port = probe.localPort();
    probe.close();
    LanDiscovery discovery;
    QVERIFY(discovery.start(port));
    QSignalSpy found(&discovery, &LanDiscovery::serverFound);
    QUdpSocket sender;
    sender.writeDatagram(R"({"service":"codearena","name":"Lab","http_port":9000,"version":1})",
                         QHostAddress::LocalHost, port);
    QTRY_COMPARE_WITH_TIMEOUT(found.count(), 1, 5000);
    QCOMPARE(found.at(0).at(1).toUrl(), QUrl("http://127.0.0.1:9000"));
  }
};

QTEST_GUILESS_MAIN(LanDiscoveryTest)
#include "lan_discovery_test.moc"
