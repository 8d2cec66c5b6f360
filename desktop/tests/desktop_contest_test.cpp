// End to end: the Contests tab against the real arena-server on loopback, in a real main window
// on the offscreen platform. An admin (over the API) creates a contest starting a few seconds
// from now with the sample problem and adds a freshly registered contestant; the contestant's
// window lists it, shows the hidden problem set as a countdown, reveals it at the start, opens
// the problem in the editor, submits to the contest (the request carries contest_id), and
// sees an announcement and the answer to its own question arrive live, with the tab badged.
// Saves tests/screenshots/desktop-contest.png.

#include <QDir>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "app/app_context.hpp"
#include "app/main_window.hpp"
#include "features/contests/contest_clock.hpp"
#include "features/contests/contests_view.hpp"
#include "features/editor/code_editor.hpp"
#include "features/problems/problem_view.hpp"
#include "server_launcher.hpp"

using namespace arena::desktop;

namespace {

const char* kSolution =
    "#include <cstdio>\nint main(){int t;std::scanf(\"%d\",&t);while(t--){long long a,b;"
    "std::scanf(\"%lld %lld\",&a,&b);std::printf(\"%lld\\n\",a+b);}}\n";

// Synchronous helpers over the asynchronous ApiClient, for the admin's side of the test.
ApiReply await(ApiClient& api, const QByteArray& method, const QString& path,
               const QJsonObject& body = {}) {
  std::optional<ApiReply> reply;
  const auto done = [&](const ApiReply& r) { reply = r; };
  if (method == "GET") {
    api.get(path, done);
  } else {
    api.post(path, body, done);
  }
  static_cast<void>(QTest::qWaitFor([&] { return reply.has_value(); }, 15000));
  return reply.value_or(ApiReply{});
}

bool listHas(QListWidget& list, const QString& text) {
  for (int i = 0; i < list.count(); ++i) {
    if (list.item(i)->text().contains(text)) return true;
  }
  return false;
}

}  // namespace

class DesktopContestTest : public QObject {
  Q_OBJECT
  testing::ServerLauncher m_server{500000};
  QTemporaryDir m_data;
  ApiClient m_admin;
  std::unique_ptr<AppContext> m_app;
  std::unique_ptr<MainWindow> m_window;
  std::unique_ptr<QSignalSpy> m_live;  // every live frame the contestant's client sees
  qint64 m_contestId = 0;
  qint64 m_problemId = 0;

 private slots:
  void initTestCase() {
    QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    m_admin.setBaseUrl(QUrl(m_server.url()));
    std::optional<ApiReply> login;
    m_admin.login("admin", m_server.adminPassword(), [&](const ApiReply& r) { login = r; });
    QTRY_VERIFY_WITH_TIMEOUT(login.has_value(), 10000);
    QVERIFY2(login->ok(), qPrintable(login->errorMessage));

    const ApiReply registered =
        await(m_admin, "POST", "/api/auth/register",
              {{"email", "ada@lab.test"}, {"username", "ada"}, {"password", "contest-pass-2026"}});
    QVERIFY2(registered.ok(), qPrintable(registered.errorMessage));
    const qint64 userId = registered.object().value("user").toObject().value("id").toInteger();

    const ApiReply problem = await(m_admin, "GET", "/api/problems/sum-of-two");
    QVERIFY2(problem.ok(), qPrintable(problem.errorMessage));
    m_problemId = problem.object().value("id").toInteger();

    // Starts 6 s after the server's own clock: long enough to see the countdown first.
    const ApiReply list = await(m_admin, "GET", "/api/contests");
    QVERIFY(list.ok());
    const QDateTime serverNow = parseServerTime(list.object().value("server_time").toString());
    QVERIFY(serverNow.isValid());
    const QJsonObject contest{
        {"name", "Lab Cup"},
        {"starts_at", serverNow.addSecs(6).toString(Qt::ISODateWithMs)},
        {"duration_seconds", 3600},
        {"freeze_after_seconds", 3000},
        {"rules", "icpc"},
        {"visibility", "private"},
        {"problems", QJsonArray{QJsonObject{
                         {"problem_id", m_problemId}, {"label", "A"}, {"color", "#3366ff"}}}}};
    const ApiReply created = await(m_admin, "POST", "/api/contests", contest);
    QVERIFY2(created.ok(), qPrintable(created.errorMessage));
    m_contestId = created.object().value("id").toInteger();
    const ApiReply added =
        await(m_admin, "POST", QString("/api/contests/%1/participants").arg(m_contestId),
              {{"users", QJsonArray{userId}}});
    QVERIFY2(added.ok(), qPrintable(added.errorMessage));

    AppOptions options;
    options.dataDir = m_data.path();
    options.server = QUrl(m_server.url());
    options.localRunner = false;
    QString error;
    m_app = AppContext::create(options, &error);
    QVERIFY2(m_app, qPrintable(error));
    std::optional<ApiReply> contestant;
    m_app->login("ada", "contest-pass-2026", [&](const ApiReply& r) { contestant = r; });
    QTRY_VERIFY_WITH_TIMEOUT(contestant.has_value(), 10000);
    QVERIFY2(contestant->ok(), qPrintable(contestant->errorMessage));
    m_live = std::make_unique<QSignalSpy>(&m_app->live(), &LiveClient::event);
    m_window = std::make_unique<MainWindow>(*m_app);
    m_window->show();
    m_window->afterLogin();
  }

  void cleanupTestCase() {
    m_live.reset();
    m_window.reset();
    m_app.reset();
    m_server.stop();
  }

  void listsTheContestAndCountsDownToItsHiddenProblemSet() {
    ContestsView& contests = m_window->contests();
    QTRY_COMPARE_WITH_TIMEOUT(contests.contests().size(), std::size_t{1}, 10000);
    QCOMPARE(contests.contestTable().item(0, 0)->text(), QString("Lab Cup"));
    QVERIFY(contests.contestTable().item(0, 2)->text().startsWith("starts in"));
    QVERIFY(contests.selectContest(m_contestId));
    QVERIFY(!contests.selectContest(m_contestId + 1000));  // not in the list: nothing happens
    // 403 before the start is a countdown, not an error.
    QTRY_VERIFY_WITH_TIMEOUT(contests.problemsStatus().contains("revealed at the start"), 10000);
    QCOMPARE(contests.problemTable().rowCount(), 0);
  }

  void revealsTheProblemsAtTheStartAndOpensThemForTheContest() {
    ContestsView& contests = m_window->contests();
    QTRY_COMPARE_WITH_TIMEOUT(contests.problemTable().rowCount(), 1, 15000);
    QCOMPARE(contests.problemTable().item(0, 0)->text(), QString("A"));
    QVERIFY(contests.contestTable().item(0, 2)->text().startsWith("running"));

    emit contests.problemTable().cellDoubleClicked(0, 1);
    ProblemView* view = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (view = qobject_cast<ProblemView*>(m_window->tabs().currentWidget())) != nullptr, 10000);
    QCOMPARE(view->slug(), QString("sum-of-two"));
    QCOMPARE(view->contestId(), m_contestId);

    QSignalSpy sent(&m_app->sync(), &SubmissionSync::sent);
    view->editor().setText(kSolution);
    view->submit();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10000);
    const QJsonObject submission = sent.at(0).at(2).toJsonObject();
    QCOMPARE(submission.value("contest_id").toInteger(), m_contestId);
  }

  void announcementAndAnswerArriveLiveWithABadge() {
    ContestsView& contests = m_window->contests();
    // Choosing the contest subscribed to contest:<id>: wait for the server's ack, so the
    // announcement below cannot race it.
    const QString channel = QString("contest:%1").arg(m_contestId);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(m_live->begin(), m_live->end(),
                    [&](const QList<QVariant>& e) {
                      return e.at(0).toString() == "subscribed" &&
                             e.at(1).toJsonObject().value("channel").toString() == channel;
                    }),
        10000);

    const ApiReply announced =
        await(m_admin, "POST", QString("/api/contests/%1/announcements").arg(m_contestId),
              {{"text", "Numbers fit in 64 bits"}});
    QVERIFY2(announced.ok(), qPrintable(announced.errorMessage));
    QTRY_VERIFY_WITH_TIMEOUT(contests.lastNotification().contains("Numbers fit in 64 bits"), 10000);
    QVERIFY(listHas(contests.clarificationList(), "Numbers fit in 64 bits"));
    // The window is on the problem tab: the Contests tab carries the unread count.
    QTabWidget& tabs = m_window->tabs();
    QCOMPARE(tabs.tabText(tabs.indexOf(&contests)), QString("Contests (1)"));

    // The contestant asks through the tab; the jury answers privately; the answer arrives live.
    auto* ask = contests.findChild<QLineEdit*>();
    QVERIFY(ask);
    ask->setText("Can a and b be negative?");
    contests.askQuestion();
    QTRY_VERIFY_WITH_TIMEOUT(listHas(contests.clarificationList(), "Can a and b be negative?"),
                             10000);
    const ApiReply jury =
        await(m_admin, "GET", QString("/api/contests/%1/clarifications").arg(m_contestId));
    QVERIFY(jury.ok());
    qint64 questionId = 0;
    for (const auto& value : jury.object().value("clarifications").toArray()) {
      if (value.toObject().value("kind").toString() == "clarification")
        questionId = value.toObject().value("id").toInteger();
    }
    QVERIFY(questionId > 0);
    const ApiReply answered =
        await(m_admin, "POST", QString("/api/clarifications/%1/answer").arg(questionId),
              {{"answer", "Yes, down to -10^9"}, {"to_all", false}});
    QVERIFY2(answered.ok(), qPrintable(answered.errorMessage));
    QTRY_VERIFY_WITH_TIMEOUT(contests.lastNotification().contains("Yes, down to -10^9"), 10000);
    QVERIFY(listHas(contests.clarificationList(), "Yes, down to -10^9"));
    QCOMPARE(tabs.tabText(tabs.indexOf(&contests)), QString("Contests (2)"));

    tabs.setCurrentWidget(&contests);  // seen: the badge goes
    QCOMPARE(tabs.tabText(tabs.indexOf(&contests)), QString("Contests"));
  }

  void scoreboardRefreshesLiveWhenTheSubmissionIsJudged() {
    ContestsView& contests = m_window->contests();
    QTableWidget& board = contests.scoreboardTable();
    QTRY_COMPARE_WITH_TIMEOUT(board.columnCount(), 4, 10000);  // rank, team, score, A
    // The board was fetched when the contest was chosen, before the verdict; only the live
    // contest.scoreboard event makes it fetch the solved cell.
    QTRY_VERIFY_WITH_TIMEOUT(
        board.rowCount() >= 1 && board.item(0, 3) && board.item(0, 3)->text().startsWith("+"),
        60000);
    QCOMPARE(board.item(0, 1)->text(), QString("ada"));
    QVERIFY(board.item(0, 2)->text().startsWith("1 · "));

    auto* pages = contests.findChild<QTabWidget*>();
    QVERIFY(pages);
    pages->setCurrentIndex(1);

    QDir().mkpath(ARENA_SCREENSHOT_DIR);
    QVERIFY(m_window->grab().save(QString(ARENA_SCREENSHOT_DIR) + "/desktop-contest.png"));
  }

  void frozenBoardShowsTheContestantsTriesAsPending() {
    // A second contest, running since a minute ago and frozen from its start.
    const ApiReply list = await(m_admin, "GET", "/api/contests");
    const QDateTime serverNow = parseServerTime(list.object().value("server_time").toString());
    const QJsonObject contest{
        {"name", "Frozen Cup"},
        {"starts_at", serverNow.addSecs(-60).toString(Qt::ISODateWithMs)},
        {"duration_seconds", 3600},
        {"freeze_after_seconds", 0},
        {"rules", "icpc"},
        {"visibility", "private"},
        {"problems", QJsonArray{QJsonObject{{"problem_id", m_problemId}, {"label", "A"}}}}};
    const ApiReply created = await(m_admin, "POST", "/api/contests", contest);
    QVERIFY2(created.ok(), qPrintable(created.errorMessage));
    const qint64 frozenId = created.object().value("id").toInteger();
    const ApiReply me =
        await(m_admin, "GET", QString("/api/contests/%1/participants").arg(m_contestId));
    QVERIFY(me.ok());
    const qint64 adaId = me.object()
                             .value("teams")
                             .toArray()
                             .at(0)
                             .toObject()
                             .value("members")
                             .toArray()
                             .at(0)
                             .toObject()
                             .value("user_id")
                             .toInteger();
    QVERIFY(adaId > 0);
    QVERIFY(await(m_admin, "POST", QString("/api/contests/%1/participants").arg(frozenId),
                  {{"users", QJsonArray{adaId}}})
                .ok());

    ContestsView& contests = m_window->contests();
    contests.reload();
    QTRY_COMPARE_WITH_TIMEOUT(contests.contests().size(), std::size_t{2}, 10000);
    QVERIFY(contests.selectContest(frozenId));
    QTRY_COMPARE_WITH_TIMEOUT(contests.problemTable().rowCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(contests.scoreboardTable().columnCount(), 4, 10000);

    emit contests.problemTable().cellDoubleClicked(0, 1);
    ProblemView* view = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (view = qobject_cast<ProblemView*>(m_window->tabs().currentWidget())) != nullptr, 10000);
    QCOMPARE(view->contestId(), frozenId);  // the open tab now submits to this contest
    QSignalSpy sent(&m_app->sync(), &SubmissionSync::sent);
    view->submit();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10000);

    // Judged (accepted: the same solution as before) but the public board is frozen: the cell
    // says only "something happened", and the score does not move.
    const qint64 submissionId = sent.at(0).at(1).toLongLong();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(m_live->begin(), m_live->end(),
                                         [&](const QList<QVariant>& e) {
                                           return e.at(0).toString() == "submission.verdict" &&
                                                  e.at(1).toJsonObject().value("id").toInteger() ==
                                                      submissionId;
                                         }),
                             60000);
    const ApiReply jury =
        await(m_admin, "GET", QString("/api/contests/%1/scoreboard?view=jury").arg(frozenId));
    QVERIFY(jury.ok());
    QCOMPARE(jury.object()
                 .value("rows")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value("score")
                 .toObject()
                 .value("num_solved")
                 .toInt(),
             1);
    QTableWidget& board = contests.scoreboardTable();
    QTRY_VERIFY_WITH_TIMEOUT(
        board.rowCount() >= 1 && board.item(0, 3) && board.item(0, 3)->text().startsWith("?"),
        10000);
    QCOMPARE(board.item(0, 2)->text(), QString("0 · 0"));
  }
};

QTEST_MAIN(DesktopContestTest)
#include "desktop_contest_test.moc"
