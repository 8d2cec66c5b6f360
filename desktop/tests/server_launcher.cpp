#include "server_launcher.hpp"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>

namespace arena::desktop::testing {

ServerLauncher::ServerLauncher(int sandboxUid) : m_sandboxUid(sandboxUid) {
  // QTemporaryDir is 0700; the server's sandboxed compiler (another uid) must traverse it.
  QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                          QFileDevice::ExeOther);
  QTcpServer probe;  // a port the kernel just handed out, released for the server
  probe.listen(QHostAddress::LocalHost, 0);
  m_port = probe.serverPort();
}

ServerLauncher::~ServerLauncher() { stop(); }

bool ServerLauncher::start(int timeoutMs) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("ARENA_HTTP_PORT", QString::number(m_port));
  env.insert("ARENA_BIND", "127.0.0.1");
  env.insert("ARENA_DATA_DIR", m_dir.filePath("data"));
  env.insert("ARENA_JUDGES", "1");
  env.insert("ARENA_SANDBOX_UID", QString::number(m_sandboxUid));
  env.insert("ARENA_RATE_LIMIT", "100000");
  m_process.setProcessEnvironment(env);
  m_process.setStandardErrorFile(m_dir.filePath("server.log"), QIODevice::Append);
  const QString binary = qEnvironmentVariable("ARENA_TEST_SERVER_BINARY", ARENA_SERVER_BINARY);
  m_process.start(binary, {});
  if (!m_process.waitForStarted(10'000)) return false;
  QElapsedTimer clock;
  clock.start();
  QByteArray pending;
  while (clock.elapsed() < timeoutMs) {
    if (!m_process.waitForReadyRead(200) && m_process.state() != QProcess::Running) return false;
    pending += m_process.readAllStandardOutput();
    qsizetype newline = 0;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const QString line = QString::fromUtf8(pending.left(newline));
      pending.remove(0, newline + 1);
      const qsizetype at = line.indexOf("admin password: ");
      if (at >= 0) m_adminPassword = line.mid(at + 16).trimmed();
      if (line.contains("listening on")) return true;
    }
  }
  return false;
}

void ServerLauncher::stop() {
  if (m_process.state() == QProcess::NotRunning) return;
  m_process.terminate();
  if (!m_process.waitForFinished(30'000)) {
    m_process.kill();
    m_process.waitForFinished(5'000);
  }
}

QString ServerLauncher::log() const {
  QFile file(m_dir.filePath("server.log"));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll().right(4000));
}

}  // namespace arena::desktop::testing
