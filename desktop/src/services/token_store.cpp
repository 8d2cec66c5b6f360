#include "services/token_store.hpp"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QtGlobal>

#ifdef ARENA_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace arena::desktop {

namespace {
constexpr const char* kKeychainService = "CodeArena";

#ifdef ARENA_HAVE_QTKEYCHAIN
// qtkeychain's jobs are asynchronous; the token is tiny and read once, so wait here.
bool runJob(QKeychain::Job& job) {
  QEventLoop loop;
  QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
  job.setAutoDelete(false);
  job.start();
  loop.exec();
  return job.error() == QKeychain::NoError;
}
#endif
}  // namespace

TokenStore::TokenStore(QString dataDir, QString service)
    : m_dataDir(std::move(dataDir)), m_service(std::move(service)) {
  m_backend = keychainUsable() ? Backend::Keychain : Backend::File;
}

bool TokenStore::keychainUsable() const {
#ifdef ARENA_HAVE_QTKEYCHAIN
  if (qEnvironmentVariableIsSet("ARENA_DESKTOP_NO_KEYCHAIN")) return false;
#if defined(Q_OS_LINUX)
  return qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
#else
  return true;
#endif
#else
  return false;
#endif
}

QString TokenStore::filePath() const { return QDir(m_dataDir).filePath("session-token"); }

QString TokenStore::backendDescription() const {
  return m_backend == Backend::Keychain ? "the system keychain"
                                        : "a file readable only by you (" + filePath() + ")";
}

void TokenStore::save(const QString& refreshToken) {
  if (refreshToken.isEmpty()) {
    clear();
    return;
  }
#ifdef ARENA_HAVE_QTKEYCHAIN
  if (m_backend == Backend::Keychain) {
    QKeychain::WritePasswordJob job(kKeychainService);
    job.setKey(m_service);
    job.setTextData(refreshToken);
    if (runJob(job)) return;
    m_backend = Backend::File;  // no keychain answered: fall back for this run
  }
#endif
  QDir().mkpath(m_dataDir);
  QSaveFile file(filePath());
  if (!file.open(QIODevice::WriteOnly)) return;
  file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
  file.write(refreshToken.toUtf8());
  file.commit();
  QFile::setPermissions(filePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QString TokenStore::load() {
#ifdef ARENA_HAVE_QTKEYCHAIN
  if (m_backend == Backend::Keychain) {
    QKeychain::ReadPasswordJob job(kKeychainService);
    job.setKey(m_service);
    if (runJob(job)) return job.textData();
  }
#endif
  QFile file(filePath());
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll()).trimmed();
}

void TokenStore::clear() {
#ifdef ARENA_HAVE_QTKEYCHAIN
  if (m_backend == Backend::Keychain) {
    QKeychain::DeletePasswordJob job(kKeychainService);
    job.setKey(m_service);
    runJob(job);
  }
#endif
  QFile::remove(filePath());
}

}  // namespace arena::desktop
