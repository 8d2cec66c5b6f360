// The outage: server up, log in; the server stops; three submissions are made; the server
// starts again on the same port with the same data; all three are judged, each exactly once,
// none lost, and the app (one AppContext) never restarts.

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "app/app_context.hpp"
#include "server_launcher.hpp"

using namespace arena::desktop;

class OutageTest : public QObject {
  Q_OBJECT
 private slots:
  void threeSubmissionsMadeDuringAnOutageAreEachJudgedExactlyOnce() {
    testing::ServerLauncher server(303000);
    QVERIFY2(server.start(), qPrintable(server.log()));
    QTemporaryDir data;
    AppOptions options;
    options.dataDir = data.path();
    options.server = QUrl(server.url());
    options.localRunner = false;
    options.sync = SyncOptions{.initialBackoffMs = 200, .maxBackoffMs = 1000};
    QString error;
    auto app = AppContext::create(options, &error);
    QVERIFY2(app, qPrintable(error));

    std::optional<ApiReply> login;
    app->login("admin", server.adminPassword(), [&](const ApiReply& r) { login = r; });
    QTRY_VERIFY_WITH_TIMEOUT(login.has_value(), 10000);
    QVERIFY2(login->ok(), qPrintable(login->errorMessage));
    std::optional<QJsonObject> problem;
    app->loadProblem("sum-of-two", [&](std::optional<QJsonObject> p, bool) { problem = p.value_or(QJsonObject{}); });
    QTRY_VERIFY_WITH_TIMEOUT(problem.has_value(), 10000);
    const qint64 problemId = problem->value("id").toInteger();
    QVERIFY(problemId > 0);

    server.stop();
    QSignalSpy sent(&app->sync(), &SubmissionSync::sent);
    QSignalSpy judged(&app->tracker(), &SubmissionTracker::judged);
    const QStringList codes = {"print(1)\n", "print(2)\n",
                               "t=int(input())\nfor _ in range(t):\n a,b=map(int,input().split())\n print(a+b)\n"};
    QStringList clientIds;
    for (const QString& code : codes) clientIds << app->sync().submit(problemId, "sum-of-two", "python3", code);
    QTRY_VERIFY_WITH_TIMEOUT(!app->api().online(), 10000);
    QTest::qWait(1500);  // several failed attempts while the server is away
    QCOMPARE(app->sync().pendingCount(), 3);
    QCOMPARE(sent.count(), 0);
    // The oldest is retried (one request in flight at a time); the others wait behind it.
    QVERIFY(app->store().outboxEntry(clientIds.at(0))->attempts >= 2);
    for (const QString& id : clientIds) QCOMPARE(app->store().outboxEntry(id)->state, OutboxEntry::State::Pending);

    QVERIFY2(server.start(), qPrintable(server.log()));  // same port, same data directory
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 3, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(judged.count(), 3, 90000);
    QCOMPARE(app->sync().pendingCount(), 0);

    std::set<qint64> serverIds;
    for (const QString& id : clientIds) {
      const auto entry = app->store().outboxEntry(id);
      QCOMPARE(entry->state, OutboxEntry::State::Sent);
      serverIds.insert(entry->serverId);
    }
    QCOMPARE(serverIds.size(), std::size_t{3});

    // The server's own view: exactly three submissions of this user, the three verdicts.
    std::optional<ApiReply> mine;
    app->api().get("/api/submissions?mine=1&limit=20", [&](const ApiReply& r) { mine = r; });
    QTRY_VERIFY_WITH_TIMEOUT(mine.has_value(), 10000);
    QVERIFY(mine->ok());
    const QJsonArray rows = mine->object().value("submissions").toArray();
    QCOMPARE(rows.size(), 3);
    std::multiset<QString> verdicts;
    for (const auto& row : rows) {
      QVERIFY(serverIds.count(row.toObject().value("id").toInteger()) == 1);
      verdicts.insert(row.toObject().value("verdict").toString());
    }
    QVERIFY(verdicts == (std::multiset<QString>{"AC", "WA", "WA"}));
    QCOMPARE(judged.count(), 3);
  }
};

QTEST_GUILESS_MAIN(OutageTest)
#include "outage_test.moc"
