#pragma once
// A real arena-server for the desktop's end-to-end tests (QProcess): a chosen port and data
// directory, so a test can stop it and start it again on the same address with the same data,
// as a lab server restarts. Waits for its "listening on" line; remembers the first-start admin
// password.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace arena::desktop::testing {

class ServerLauncher {
 public:
  explicit ServerLauncher(int sandboxUid);
  ~ServerLauncher();

  bool start(int timeoutMs = 60'000);
  void stop();  // SIGTERM and wait
  int port() const { return m_port; }
  QString url() const { return QString("http://127.0.0.1:%1").arg(m_port); }
  const QString& adminPassword() const { return m_adminPassword; }
  QString log() const;

 private:
  QTemporaryDir m_dir;
  int m_port = 0;
  int m_sandboxUid;
  QProcess m_process;
  QString m_adminPassword;
};

}  // namespace arena::desktop::testing
