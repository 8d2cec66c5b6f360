#pragma once
// Where the refresh token lives between runs, so a session survives restarts.
//
// The platform keychain (qtkeychain: Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows) when one answers; otherwise a file readable only by the user (0600) in
// the app's data directory, never beside the code. backend() says which was used, and the
// settings screen shows it. On Linux the keychain is only tried when a D-Bus session exists
// (without one, qtkeychain would wait for a timeout).

#include <QString>

namespace arena::desktop {

class TokenStore {
 public:
  enum class Backend { Keychain, File };
  // `dataDir` holds the fallback file; `service` names the keychain entry (one per server).
  TokenStore(QString dataDir, QString service);

  void save(const QString& refreshToken);
  QString load();
  void clear();
  Backend backend() const { return m_backend; }
  QString backendDescription() const;

 private:
  bool keychainUsable() const;
  QString filePath() const;

  QString m_dataDir;
  QString m_service;
  Backend m_backend = Backend::File;
};

}  // namespace arena::desktop
