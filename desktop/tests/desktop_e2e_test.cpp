// End to end: the real arena-server on loopback, driven through the desktop library exactly as
// the window drives it: log in, list and open a problem, run its samples locally, submit, and
// receive the verdict (over the live channel when the server offers it, else by polling).

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "app/app_context.hpp"
#include "server_launcher.hpp"

using namespace arena::desktop;

namespace {
const char* kSolution =
    "#include <cstdio>\nint main(){int t;std::scanf(\"%d\",&t);while(t--){long long a,b;"
    "std::scanf(\"%lld %lld\",&a,&b);std::printf(\"%lld\\n\",a+b);}}\n";
}

class DesktopEndToEndTest : public QObject {
  Q_OBJECT
  testing::ServerLauncher m_server{302000};
  QTemporaryDir m_data;
  std::unique_ptr<AppContext> m_app;

 private slots:
  void initTestCase() {
    QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    QVERIFY(!m_server.adminPassword().isEmpty());
    AppOptions options;
    options.dataDir = m_data.path();
    options.server = QUrl(m_server.url());
    options.sandboxFirstUid = 301000;
    QString error;
    m_app = AppContext::create(options, &error);
    QVERIFY2(m_app, qPrintable(error));
    QVERIFY2(m_app->runner(), qPrintable(m_app->runnerError()));
  }
  void cleanupTestCase() {
    m_app.reset();
    m_server.stop();
  }

  void wrongPasswordIsRefusedWithTheServersMessage() {
    std::optional<ApiReply> reply;
    m_app->login("admin", "not-the-password", [&](const ApiReply& r) { reply = r; });
    QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 10000);
    QCOMPARE(reply->status, 401);
    QVERIFY(!reply->errorMessage.isEmpty());
    QVERIFY(!m_app->api().hasSession());
  }

  void contestantLogsInOpensAProblemRunsSamplesSubmitsAndGetsTheVerdict() {
    std::optional<ApiReply> login;
    m_app->login("admin", m_server.adminPassword(), [&](const ApiReply& r) { login = r; });
    QTRY_VERIFY_WITH_TIMEOUT(login.has_value(), 10000);
    QVERIFY2(login->ok(), qPrintable(login->errorMessage));
    QVERIFY(!m_app->tokens().load().isEmpty());  // the session is kept for the next start

    std::optional<QJsonArray> problems;
    m_app->loadProblems([&](QJsonArray list, bool cached) {
      QVERIFY(!cached);
      problems = list;
    });
    QTRY_VERIFY_WITH_TIMEOUT(problems.has_value(), 10000);
    QVERIFY(problems->size() >= 1);

    std::optional<QJsonObject> problem;
    m_app->loadProblem("sum-of-two", [&](std::optional<QJsonObject> p, bool) { problem = p.value_or(QJsonObject{}); });
    QTRY_VERIFY_WITH_TIMEOUT(problem.has_value(), 10000);
    const QJsonArray samples = problem->value("samples").toArray();
    QVERIFY(!samples.isEmpty());
    QVERIFY(m_app->store().problem("sum-of-two").has_value());  // cached for offline use

    std::vector<LocalTestCase> tests;
    for (const auto& s : samples) {
      tests.push_back({"sample", s.toObject().value("input").toString(), s.toObject().value("output").toString()});
    }
    arena::model::Limits limits;
    limits.timeLimitMs = problem->value("limits").toObject().value("time_limit_ms").toInt();
    const auto local = m_app->runner()->runBlocking("cpp20", kSolution, limits, tests);
    QVERIFY2(local.compiled, qPrintable(local.compileOutput + local.error));
    QCOMPARE(local.verdict, arena::model::Verdict::Accepted);

    QSignalSpy judged(&m_app->tracker(), &SubmissionTracker::judged);
    QSignalSpy progress(&m_app->tracker(), &SubmissionTracker::progress);
    const QString clientId =
        m_app->sync().submit(problem->value("id").toInteger(), "sum-of-two", "cpp20", kSolution);
    QTRY_COMPARE_WITH_TIMEOUT(judged.count(), 1, 60000);
    const QJsonObject verdict = judged.at(0).at(0).toJsonObject();
    QVERIFY2(verdict.value("verdict").toString() == "AC",
             qPrintable(QJsonDocument(verdict).toJson() + m_server.log()));
    QVERIFY(!verdict.value("tests").toArray().isEmpty());
    QCOMPARE(m_app->store().outboxEntry(clientId)->serverId, verdict.value("id").toInteger());
    qInfo() << "live channel connected:" << m_app->live().connected()
            << "live progress events:" << progress.count();
  }

  void liveChannelDeliversProgressAndTheVerdict() {
    QVERIFY2(QTest::qWaitFor([this] { return m_app->live().connected(); }, 5000),
             "the live channel did not connect");
    QSignalSpy progress(&m_app->tracker(), &SubmissionTracker::progress);
    QSignalSpy judged(&m_app->tracker(), &SubmissionTracker::judged);
    m_app->tracker().setPollIntervalMs(60'000);  // no polling: the verdict must come live
    m_app->sync().submit(m_app->store().problem("sum-of-two")->value("id").toInteger(), "sum-of-two",
                         "python3", "print(0)\n");
    QTRY_COMPARE_WITH_TIMEOUT(judged.count(), 1, 60000);
    QCOMPARE(judged.at(0).at(0).toJsonObject().value("verdict").toString(), QString("WA"));
    QVERIFY(progress.count() >= 1);
    m_app->tracker().setPollIntervalMs(1000);
  }
};

QTEST_GUILESS_MAIN(DesktopEndToEndTest)
#include "desktop_e2e_test.moc"
