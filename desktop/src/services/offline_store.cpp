#include "services/offline_store.hpp"

#include <QDateTime>
#include <QLoggingCategory>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace arena::desktop {

namespace {

Q_LOGGING_CATEGORY(lcStore, "arena.desktop.store")

// Runs a prepared query; a failure is logged (the store's callers treat it as "not there").
// A null QString binds as SQL NULL: every text column here is NOT NULL, and an empty editor
// or a message-less error is still text.
bool run(QSqlQuery& q) {
  const QVariantList values = q.boundValues();
  for (int i = 0; i < static_cast<int>(values.size()); ++i) {
    if (values.at(i).typeId() == QMetaType::QString && values.at(i).toString().isNull()) {
      q.bindValue(i, QString(""));
    }
  }
  if (q.exec()) return true;
  qCWarning(lcStore) << "query failed:" << q.lastQuery() << q.lastError().text();
  return false;
}

constexpr const char* kSchema[] = {
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "CREATE TABLE IF NOT EXISTS problems (slug TEXT PRIMARY KEY, json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS problem_list (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS code (problem TEXT NOT NULL, language TEXT NOT NULL, "
    "  text TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (problem, language))",
    "CREATE TABLE IF NOT EXISTS outbox (client_id TEXT PRIMARY KEY, problem_id INTEGER NOT NULL, "
    "  problem_slug TEXT NOT NULL, language TEXT NOT NULL, code TEXT NOT NULL, "
    "  created_at INTEGER NOT NULL, state TEXT NOT NULL, server_id INTEGER NOT NULL DEFAULT 0, "
    "  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '', "
    "  contest_id INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS submissions (id INTEGER PRIMARY KEY, status TEXT NOT NULL, "
    "  created_at TEXT NOT NULL, json TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
};

QString stateName(OutboxEntry::State state) {
  switch (state) {
    case OutboxEntry::State::Pending: return "pending";
    case OutboxEntry::State::Sent: return "sent";
    case OutboxEntry::State::Rejected: return "rejected";
  }
  return "pending";
}

OutboxEntry::State stateFrom(const QString& name) {
  if (name == "sent") return OutboxEntry::State::Sent;
  if (name == "rejected") return OutboxEntry::State::Rejected;
  return OutboxEntry::State::Pending;
}

QString compact(const QJsonObject& object) {
  return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

OutboxEntry entryFrom(const QSqlQuery& q) {
  OutboxEntry e;
  e.clientId = q.value(0).toString();
  e.problemId = q.value(1).toLongLong();
  e.problemSlug = q.value(2).toString();
  e.language = q.value(3).toString();
  e.code = q.value(4).toString();
  e.createdAtMs = q.value(5).toLongLong();
  e.state = stateFrom(q.value(6).toString());
  e.serverId = q.value(7).toLongLong();
  e.attempts = q.value(8).toInt();
  e.lastError = q.value(9).toString();
  e.contestId = q.value(10).toLongLong();
  return e;
}

constexpr const char* kOutboxColumns =
    "client_id, problem_id, problem_slug, language, code, created_at, state, server_id, "
    "attempts, last_error, contest_id";

}  // namespace

OfflineStore::OfflineStore(QString connectionName) : m_connection(std::move(connectionName)) {}

OfflineStore::OfflineStore(OfflineStore&& other) noexcept : m_connection(std::move(other.m_connection)) {
  other.m_connection.clear();
}

OfflineStore& OfflineStore::operator=(OfflineStore&& other) noexcept {
  if (this != &other) {
    close();
    m_connection = std::move(other.m_connection);
    other.m_connection.clear();
  }
  return *this;
}

OfflineStore::~OfflineStore() { close(); }

void OfflineStore::close() noexcept {
  if (m_connection.isEmpty()) return;
  { QSqlDatabase::database(m_connection, false).close(); }
  QSqlDatabase::removeDatabase(m_connection);
  m_connection.clear();
}

QSqlDatabase OfflineStore::db() const { return QSqlDatabase::database(m_connection, false); }

std::optional<OfflineStore> OfflineStore::open(const QString& file, QString* error) {
  const QString name = "arena-store-" + QUuid::createUuid().toString(QUuid::WithoutBraces);
  {
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
    db.setDatabaseName(file);
    if (!db.open()) {
      if (error) *error = db.lastError().text();
      db = QSqlDatabase();
      QSqlDatabase::removeDatabase(name);
      return std::nullopt;
    }
    QSqlQuery q(db);
    for (const char* statement : kSchema) {
      if (!q.exec(statement)) {
        if (error) *error = q.lastError().text();
        q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return std::nullopt;
      }
    }
    // Stores made before contests lack the column; on newer ones this fails, harmlessly.
    q.exec("ALTER TABLE outbox ADD COLUMN contest_id INTEGER NOT NULL DEFAULT 0");
  }
  return OfflineStore(name);
}

void OfflineStore::cacheProblemList(const QJsonArray& problems) {
  QSqlQuery q(db());
  q.prepare("INSERT OR REPLACE INTO problem_list (id, json) VALUES (1, ?)");
  q.addBindValue(QString::fromUtf8(QJsonDocument(problems).toJson(QJsonDocument::Compact)));
  run(q);
}

QJsonArray OfflineStore::problemList() const {
  QSqlQuery q(db());
  q.exec("SELECT json FROM problem_list WHERE id = 1");
  return q.next() ? QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array() : QJsonArray();
}

void OfflineStore::cacheProblem(const QString& slug, const QJsonObject& problem) {
  QSqlQuery q(db());
  q.prepare("INSERT OR REPLACE INTO problems (slug, json) VALUES (?, ?)");
  q.addBindValue(slug);
  q.addBindValue(compact(problem));
  run(q);
}

std::optional<QJsonObject> OfflineStore::problem(const QString& slug) const {
  QSqlQuery q(db());
  q.prepare("SELECT json FROM problems WHERE slug = ?");
  q.addBindValue(slug);
  if (!run(q) || !q.next()) return std::nullopt;
  return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

void OfflineStore::saveCode(const QString& problemSlug, const QString& language, const QString& code) {
  QSqlQuery q(db());
  q.prepare("INSERT OR REPLACE INTO code (problem, language, text, updated_at) VALUES (?, ?, ?, ?)");
  q.addBindValue(problemSlug);
  q.addBindValue(language);
  q.addBindValue(code);
  q.addBindValue(QDateTime::currentMSecsSinceEpoch());
  run(q);
}

std::optional<QString> OfflineStore::code(const QString& problemSlug, const QString& language) const {
  QSqlQuery q(db());
  q.prepare("SELECT text FROM code WHERE problem = ? AND language = ?");
  q.addBindValue(problemSlug);
  q.addBindValue(language);
  if (!run(q) || !q.next()) return std::nullopt;
  return q.value(0).toString();
}

bool OfflineStore::addToOutbox(const OutboxEntry& e) {
  QSqlQuery q(db());
  q.prepare(QString("INSERT INTO outbox (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kOutboxColumns));
  q.addBindValue(e.clientId);
  q.addBindValue(e.problemId);
  q.addBindValue(e.problemSlug);
  q.addBindValue(e.language);
  q.addBindValue(e.code);
  q.addBindValue(e.createdAtMs);
  q.addBindValue(stateName(e.state));
  q.addBindValue(e.serverId);
  q.addBindValue(e.attempts);
  q.addBindValue(e.lastError);
  q.addBindValue(e.contestId);
  return run(q);
}

std::vector<OutboxEntry> OfflineStore::outbox(std::optional<OutboxEntry::State> state) const {
  QSqlQuery q(db());
  if (state) {
    q.prepare(QString("SELECT %1 FROM outbox WHERE state = ? ORDER BY created_at, rowid").arg(kOutboxColumns));
    q.addBindValue(stateName(*state));
  } else {
    q.prepare(QString("SELECT %1 FROM outbox ORDER BY created_at, rowid").arg(kOutboxColumns));
  }
  std::vector<OutboxEntry> entries;
  if (!run(q)) return entries;
  while (q.next()) entries.push_back(entryFrom(q));
  return entries;
}

std::optional<OutboxEntry> OfflineStore::outboxEntry(const QString& clientId) const {
  QSqlQuery q(db());
  q.prepare(QString("SELECT %1 FROM outbox WHERE client_id = ?").arg(kOutboxColumns));
  q.addBindValue(clientId);
  if (!run(q) || !q.next()) return std::nullopt;
  return entryFrom(q);
}

void OfflineStore::markSent(const QString& clientId, qint64 serverId) {
  QSqlQuery q(db());
  q.prepare("UPDATE outbox SET state = 'sent', server_id = ?, last_error = '' WHERE client_id = ?");
  q.addBindValue(serverId);
  q.addBindValue(clientId);
  run(q);
}

void OfflineStore::markRejected(const QString& clientId, const QString& why) {
  QSqlQuery q(db());
  q.prepare("UPDATE outbox SET state = 'rejected', last_error = ? WHERE client_id = ?");
  q.addBindValue(why);
  q.addBindValue(clientId);
  run(q);
}

void OfflineStore::noteAttempt(const QString& clientId, const QString& error) {
  QSqlQuery q(db());
  q.prepare("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE client_id = ?");
  q.addBindValue(error);
  q.addBindValue(clientId);
  run(q);
}

void OfflineStore::upsertSubmission(const QJsonObject& submission) {
  QSqlQuery q(db());
  q.prepare("INSERT OR REPLACE INTO submissions (id, status, created_at, json) VALUES (?, ?, ?, ?)");
  q.addBindValue(submission.value("id").toInteger());
  q.addBindValue(submission.value("status").toString());
  q.addBindValue(submission.value("created_at").toString());
  q.addBindValue(compact(submission));
  run(q);
}

std::optional<QJsonObject> OfflineStore::submission(qint64 id) const {
  QSqlQuery q(db());
  q.prepare("SELECT json FROM submissions WHERE id = ?");
  q.addBindValue(id);
  if (!run(q) || !q.next()) return std::nullopt;
  return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

std::vector<QJsonObject> OfflineStore::submissions() const {
  QSqlQuery q(db());
  std::vector<QJsonObject> rows;
  if (!q.exec("SELECT json FROM submissions ORDER BY id DESC")) return rows;
  while (q.next()) rows.push_back(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
  return rows;
}

std::vector<qint64> OfflineStore::unjudgedSubmissionIds() const {
  QSqlQuery q(db());
  std::vector<qint64> ids;
  if (!q.exec("SELECT id FROM submissions WHERE status NOT IN ('judged', 'unknown') ORDER BY id")) return ids;
  while (q.next()) ids.push_back(q.value(0).toLongLong());
  return ids;
}

void OfflineStore::setSetting(const QString& key, const QString& value) {
  QSqlQuery q(db());
  q.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)");
  q.addBindValue(key);
  q.addBindValue(value);
  run(q);
}

QString OfflineStore::setting(const QString& key, const QString& fallback) const {
  QSqlQuery q(db());
  q.prepare("SELECT value FROM settings WHERE key = ?");
  q.addBindValue(key);
  if (!run(q) || !q.next()) return fallback;
  return q.value(0).toString();
}

}  // namespace arena::desktop
