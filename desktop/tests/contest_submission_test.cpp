// Submissions made from a contest's problem set: the outbox keeps the contest id (also in a
// store created before contests existed, which gains the column when opened), and the request
// carries contest_id plus client_time, the local moment of Submit, which the server honours
// only after the end within the contest's offline grace. Practice submissions carry neither.

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <vector>

#include "features/contests/contest_clock.hpp"
#include "services/submission_sync.hpp"

using namespace arena::desktop;

namespace {

// Accepts everything and remembers each request body.
class RecordingTransport : public SubmissionTransport {
 public:
  std::vector<QJsonObject> bodies;
  void postSubmission(const QJsonObject& body, ReplyCallback done) override {
    bodies.push_back(body);
    ApiReply reply;
    reply.status = 202;
    reply.body = QJsonDocument(
        QJsonObject{{"id", static_cast<qint64>(bodies.size())}, {"status", "queued"}});
    done(reply);
  }
};

// The outbox table exactly as stores made before contests have it.
void createPreContestStore(const QString& file) {
  {
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "old-store");
    db.setDatabaseName(file);
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY(q.exec(
        "CREATE TABLE outbox (client_id TEXT PRIMARY KEY, problem_id INTEGER NOT NULL, "
        "problem_slug TEXT NOT NULL, language TEXT NOT NULL, code TEXT NOT NULL, "
        "created_at INTEGER NOT NULL, state TEXT NOT NULL, server_id INTEGER NOT NULL DEFAULT 0, "
        "attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '')"));
    QVERIFY(
        q.exec("INSERT INTO outbox (client_id, problem_id, problem_slug, language, code, "
               "created_at, state) "
               "VALUES ('old-1', 1, 'sum-of-two', 'cpp17', 'int main(){}', 1, 'pending')"));
    db.close();
  }
  QSqlDatabase::removeDatabase("old-store");
}

}  // namespace

class ContestSubmissionTest : public QObject {
  Q_OBJECT
 private slots:
  void contestSubmissionCarriesContestIdAndItsLocalTime() {
    QTemporaryDir dir;
    QString error;
    auto store = OfflineStore::open(dir.filePath("store.sqlite"), &error);
    QVERIFY2(store, qPrintable(error));
    RecordingTransport transport;
    SubmissionSync sync(*store, transport);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const QString contestClient = sync.submit(7, "sum-of-two", "cpp17", "int main(){}", 42);
    const QString practiceClient = sync.submit(7, "sum-of-two", "cpp17", "int main(){}");
    QVERIFY(!contestClient.isEmpty());
    QCOMPARE(transport.bodies.size(), std::size_t{2});

    const QJsonObject contest = transport.bodies[0];
    QCOMPARE(contest.value("contest_id").toInteger(), qint64{42});
    const QDateTime made = parseServerTime(contest.value("client_time").toString());
    QVERIFY(made.isValid());  // in the server's timestamp format
    QVERIFY(qAbs(before.msecsTo(made)) < 5000);
    QCOMPARE(store->outboxEntry(contestClient)->contestId, qint64{42});

    const QJsonObject practice = transport.bodies[1];
    QVERIFY(!practice.contains("contest_id"));
    QVERIFY(!practice.contains("client_time"));  // the server refuses it without a contest
    QCOMPARE(store->outboxEntry(practiceClient)->contestId, qint64{0});
  }

  void storeFromBeforeContestsGainsTheColumnAndKeepsItsRows() {
    QTemporaryDir dir;
    const QString file = dir.filePath("store.sqlite");
    createPreContestStore(file);
    QString error;
    {
      auto store = OfflineStore::open(file, &error);
      QVERIFY2(store, qPrintable(error));
      const auto old = store->outboxEntry("old-1");
      QVERIFY(old);
      QCOMPARE(old->contestId, qint64{0});  // practice, as it was
      OutboxEntry entry;
      entry.clientId = "new-1";
      entry.problemId = 1;
      entry.problemSlug = "sum-of-two";
      entry.language = "cpp17";
      entry.code = "int main(){}";
      entry.contestId = 9;
      QVERIFY(store->addToOutbox(entry));
    }
    // Opening again (the column now exists) must not fail.
    auto again = OfflineStore::open(file, &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->outboxEntry("new-1")->contestId, qint64{9});
    QCOMPARE(again->outbox(OutboxEntry::State::Pending).size(), std::size_t{2});
  }
};

QTEST_GUILESS_MAIN(ContestSubmissionTest)
#include "contest_submission_test.moc"
