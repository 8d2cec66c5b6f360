// The outbox and its sync against a scripted transport: nothing is lost while the server is
// away, a lost answer is sent again under the same client_id and recorded exactly once, the
// server's refusals are final, and an ended session pauses the queue.

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTimer>
#include <set>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <deque>
#include <map>

#include "services/submission_sync.hpp"

using namespace arena::desktop;

namespace {

// A server in miniature: answers with what the test scripted, and (like the real one) keeps
// one submission per client_id.
class FakeServer : public SubmissionTransport {
 public:
  enum class Mode { Accept, Down, LoseAnswer, Reject400, Unauthorized, Error503 };
  std::deque<Mode> script;  // consumed per request; Accept when empty
  std::map<QString, qint64> byClientId;
  std::vector<QString> requests;  // client ids, in the order sent
  qint64 nextId = 100;

  void postSubmission(const QJsonObject& body, ReplyCallback done) override {
    const QString clientId = body.value("client_id").toString();
    requests.push_back(clientId);
    const Mode mode = script.empty() ? Mode::Accept : script.front();
    if (!script.empty()) script.pop_front();
    ApiReply reply;
    switch (mode) {
      case Mode::Down:
        reply.status = 0;
        reply.errorMessage = "connection refused";
        break;
      case Mode::Error503:
        reply.status = 503;
        reply.errorMessage = "unavailable";
        break;
      case Mode::Reject400:
        reply.status = 400;
        reply.errorMessage = "language 'cobol' is not available";
        break;
      case Mode::Unauthorized:
        reply.status = 401;
        reply.errorMessage = "session ended";
        break;
      case Mode::Accept:
      case Mode::LoseAnswer: {
        auto [it, fresh] = byClientId.try_emplace(clientId, nextId);
        if (fresh) ++nextId;
        reply.status = fresh ? 202 : 200;
        reply.body = QJsonDocument(QJsonObject{{"id", it->second}, {"status", "queued"}});
        if (mode == Mode::LoseAnswer) {  // committed on the server, answer lost on the way
          reply = ApiReply{};
          reply.errorMessage = "connection reset";
        }
        break;
      }
    }
    // Answer later, as the network would.
    QTimer::singleShot(0, [reply, done = std::move(done)] { done(reply); });
  }
};

SyncOptions fast() { return SyncOptions{.initialBackoffMs = 10, .maxBackoffMs = 40}; }

}  // namespace

class SubmissionSyncTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  std::optional<OfflineStore> m_store;

 private slots:
  void init() {
    QVERIFY(m_dir.isValid());
    QFile::remove(m_dir.filePath("store.sqlite"));
    m_store = OfflineStore::open(m_dir.filePath("store.sqlite"));
    QVERIFY(m_store.has_value());
  }
  void cleanup() { m_store.reset(); }

  void submissionWhileServerIsDownStaysPendingAndIsSentWhenItReturns() {
    FakeServer server;
    server.script = {FakeServer::Mode::Down, FakeServer::Mode::Down, FakeServer::Mode::Error503};
    SubmissionSync sync(*m_store, server, fast());
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    const QString id = sync.submit(7, "sum-of-two", "python3", "print(1)");
    QVERIFY(!id.isEmpty());
    QCOMPARE(sync.pendingCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
    QCOMPARE(sync.pendingCount(), 0);
    QCOMPARE(server.requests.size(), std::size_t{4});
    const auto entry = m_store->outboxEntry(id);
    QVERIFY(entry.has_value());
    QCOMPARE(entry->state, OutboxEntry::State::Sent);
    QCOMPARE(entry->serverId, qint64{100});
    QCOMPARE(entry->attempts, 3);
  }

  void lostAnswerIsSentAgainUnderTheSameClientIdAndRecordedOnce() {
    FakeServer server;
    server.script = {FakeServer::Mode::LoseAnswer, FakeServer::Mode::LoseAnswer};
    SubmissionSync sync(*m_store, server, fast());
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    const QString id = sync.submit(7, "sum-of-two", "cpp20", "int main(){}");
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
    QCOMPARE(server.requests.size(), std::size_t{3});
    for (const QString& request : server.requests) QCOMPARE(request, id);
    QCOMPARE(server.byClientId.size(), std::size_t{1});  // one submission on the server
    QCOMPARE(sent.at(0).at(1).toLongLong(), qint64{100});
    QTest::qWait(100);
    QCOMPARE(sent.count(), 1);  // and no late duplicate
  }

  void threeOfflineSubmissionsAreSentOldestFirstEachExactlyOnce() {
    FakeServer server;
    server.script = {FakeServer::Mode::Down};
    SubmissionSync sync(*m_store, server, fast());
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    const QString a = sync.submit(1, "a", "python3", "1");
    const QString b = sync.submit(2, "b", "python3", "2");
    const QString c = sync.submit(3, "c", "python3", "3");
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 3, 5000);
    QCOMPARE(sent.at(0).at(0).toString(), a);
    QCOMPARE(sent.at(1).at(0).toString(), b);
    QCOMPARE(sent.at(2).at(0).toString(), c);
    QCOMPARE(server.byClientId.size(), std::size_t{3});
    std::set<qint64> ids;
    for (const auto& e : m_store->outbox()) ids.insert(e.serverId);
    QCOMPARE(ids.size(), std::size_t{3});
  }

  void refusalByTheServerIsFinalAndDoesNotBlockTheQueue() {
    FakeServer server;
    server.script = {FakeServer::Mode::Reject400};
    SubmissionSync sync(*m_store, server, fast());
    QSignalSpy rejected(&sync, &SubmissionSync::rejected);
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    const QString bad = sync.submit(1, "a", "cobol", "x");
    sync.submit(1, "a", "python3", "print(2)");
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(m_store->outboxEntry(bad)->state, OutboxEntry::State::Rejected);
    QVERIFY(m_store->outboxEntry(bad)->lastError.contains("cobol"));
    QCOMPARE(server.requests.size(), std::size_t{2});
  }

  void endedSessionPausesTheQueueUntilResumed() {
    FakeServer server;
    server.script = {FakeServer::Mode::Unauthorized};
    SubmissionSync sync(*m_store, server, fast());
    QSignalSpy auth(&sync, &SubmissionSync::authenticationRequired);
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    sync.submit(1, "a", "python3", "print(2)");
    QTRY_COMPARE_WITH_TIMEOUT(auth.count(), 1, 5000);
    QTest::qWait(150);
    QCOMPARE(server.requests.size(), std::size_t{1});  // no hammering with a dead session
    QVERIFY(sync.paused());
    QCOMPARE(sync.pendingCount(), 1);
    sync.resume();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
  }

  void outboxSurvivesTheAppBeingClosedAndIsSentByTheNextRun() {
    QString id;
    {
      FakeServer away;
      away.script = std::deque<FakeServer::Mode>(50, FakeServer::Mode::Down);
      SubmissionSync sync(*m_store, away, fast());
      id = sync.submit(9, "z", "python3", "print(9)");
      QTest::qWait(50);
    }  // the app is closed with the submission unsent
    m_store.reset();
    m_store = OfflineStore::open(m_dir.filePath("store.sqlite"));
    QVERIFY(m_store.has_value());
    QCOMPARE(m_store->outboxEntry(id)->state, OutboxEntry::State::Pending);
    QCOMPARE(m_store->outboxEntry(id)->code, QString("print(9)"));
    FakeServer back;
    SubmissionSync sync(*m_store, back, fast());
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    sync.nudge();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
    QVERIFY(back.requests == std::vector<QString>{id});
  }

  void backoffIsBoundedSoAReturningServerIsNoticedQuickly() {
    FakeServer server;
    server.script = std::deque<FakeServer::Mode>(8, FakeServer::Mode::Down);
    SubmissionSync sync(*m_store, server, SyncOptions{.initialBackoffMs = 5, .maxBackoffMs = 20});
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    QElapsedTimer clock;
    clock.start();
    sync.submit(1, "a", "python3", "1");
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
    // 5 + 10 + 20*6 = 135 ms of backoff at most, not 5 * 2^8.
    QVERIFY2(clock.elapsed() < 1500, qPrintable(QString::number(clock.elapsed())));
  }

  void nudgeWhileARequestIsInFlightDoesNotSendTwice() {
    FakeServer server;
    SubmissionSync sync(*m_store, server, fast());
    QSignalSpy sent(&sync, &SubmissionSync::sent);
    sync.submit(1, "a", "python3", "1");
    sync.nudge();
    sync.nudge();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 5000);
    QCOMPARE(server.requests.size(), std::size_t{1});
  }
};

QTEST_GUILESS_MAIN(SubmissionSyncTest)
#include "submission_sync_test.moc"
