// End to end: the Duels tab against the real arena-server on loopback (sandbox uids 540000), in
// a real main window on the offscreen platform. ada plays in the window; bob is scripted over
// HTTP. ada queues and cancels (bob, queued alone, then finds nobody), queues again and is
// paired with bob; the window counts down (ARENA_DUEL_COUNTDOWN_MS, short here), shows the
// problem in the desktop's own problem view, shows bob's wrong try as it is judged (live, on
// match:<id>), takes ada's accepted Python solution through the view's Submit button, and shows
// the win with the rating change; the profile's rating chart then has its point. Last, a
// proctor's rated lab duel opens in the window by itself, and ada forfeits it (a second point).
// Saves tests/screenshots/desktop-duel.png.

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "app/app_context.hpp"
#include "app/main_window.hpp"
#include "features/duels/duel_view.hpp"
#include "features/duels/duels_view.hpp"
#include "features/duels/rating_chart.hpp"
#include "features/editor/code_editor.hpp"
#include "features/problems/problem_view.hpp"
#include "server_launcher.hpp"

using namespace arena::desktop;

namespace {

// Synchronous helpers over the asynchronous ApiClient, for bob's side of the test.
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

QPushButton* button(QWidget& parent, const QString& text) {
  for (auto* candidate : parent.findChildren<QPushButton*>()) {
    if (candidate->text() == text && candidate->isVisibleTo(&parent)) return candidate;
  }
  return nullptr;
}

// The sample problem's accepted Python solution, from the repository's problem packages.
QString acceptedPython(const QString& slug) {
  const QDir dir(QString(ARENA_SAMPLES_DIR) + "/" + slug + "/submissions/accepted");
  const QStringList files = dir.entryList({"*.py"}, QDir::Files, QDir::Name);
  if (files.isEmpty()) return {};
  QFile file(dir.filePath(files.first()));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll());
}

}  // namespace

class DesktopDuelTest : public QObject {
  Q_OBJECT
  testing::ServerLauncher m_server{540000};
  QTemporaryDir m_data;
  ApiClient m_bob;
  std::unique_ptr<AppContext> m_app;
  std::unique_ptr<MainWindow> m_window;
  std::unique_ptr<QSignalSpy> m_live;  // every live frame ada's client sees
  qint64 m_matchId = 0;
  qint64 m_problemId = 0;

  bool liveSaw(const QString& type, const std::function<bool(const QJsonObject&)>& match) const {
    return std::any_of(m_live->begin(), m_live->end(), [&](const QList<QVariant>& e) {
      return e.at(0).toString() == type && match(e.at(1).toJsonObject());
    });
  }

 private slots:
  void initTestCase() {
    QVERIFY2(m_server.start(), qPrintable(m_server.log()));
    m_bob.setBaseUrl(QUrl(m_server.url()));
    for (const char* name : {"ada", "bob"}) {
      const ApiReply registered = await(m_bob, "POST", "/api/auth/register",
                                        {{"email", QString("%1@duel.test").arg(name)},
                                         {"username", name},
                                         {"password", "duel-pass-2026"}});
      QVERIFY2(registered.ok(), qPrintable(registered.errorMessage));
    }
    std::optional<ApiReply> login;
    m_bob.login("bob", "duel-pass-2026", [&](const ApiReply& r) { login = r; });
    QTRY_VERIFY_WITH_TIMEOUT(login.has_value(), 10000);
    QVERIFY2(login->ok(), qPrintable(login->errorMessage));

    AppOptions options;
    options.dataDir = m_data.path();
    options.server = QUrl(m_server.url());
    options.localRunner = false;
    QString error;
    m_app = AppContext::create(options, &error);
    QVERIFY2(m_app, qPrintable(error));
    std::optional<ApiReply> ada;
    m_app->login("ada", "duel-pass-2026", [&](const ApiReply& r) { ada = r; });
    QTRY_VERIFY_WITH_TIMEOUT(ada.has_value(), 10000);
    QVERIFY2(ada->ok(), qPrintable(ada->errorMessage));
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

  void lobbyQueuesCountsTheWaitAndCancels() {
    DuelsView& duels = m_window->duels();
    m_window->tabs().setCurrentWidget(&duels);
    QTRY_VERIFY_WITH_TIMEOUT(duels.userId() > 0, 10000);
    QVERIFY(duels.profileText().startsWith("ada · rating 1500"));
    QPushButton* find = button(duels, "Find a match");
    QVERIFY(find);
    QTRY_VERIFY_WITH_TIMEOUT(find->isEnabled(), 10000);
    find->click();
    QTRY_VERIFY_WITH_TIMEOUT(duels.lobby().queued(), 10000);
    QVERIFY(!find->isEnabled());
    // The waited time ticks (from the server's count, or our own on a server without
    // GET /api/match/queue).
    QTRY_VERIFY_WITH_TIMEOUT(duels.lobbyStatus().startsWith("Waiting 00:00:0") &&
                                 !duels.lobbyStatus().startsWith("Waiting 00:00:00"),
                             5000);
    // The server's own view of the wait (GET /api/match/queue): the opening gap, nobody else.
    QTRY_VERIFY_WITH_TIMEOUT(duels.lobbyStatus().contains("rating gap ±50 · 1 in the queue"), 5000);
    QVERIFY(duels.lobby().statusEndpoint());
    QCOMPARE(duels.lobby().rating(), std::optional<int>(1500));

    QPushButton* cancel = button(duels, "Cancel");
    QVERIFY(cancel && cancel->isEnabled());
    cancel->click();
    QCOMPARE(duels.lobby().state(), LobbyState::Idle);
    QTRY_VERIFY_WITH_TIMEOUT(!duels.leaving(), 10000);
    // ada really left: bob, alone in the queue, is paired with nobody.
    QVERIFY(await(m_bob, "POST", "/api/match/enqueue").ok());
    QCOMPARE(await(m_bob, "POST", "/api/match/dequeue").status, 202);
  }

  void pairedTheWindowCountsDownThenShowsTheProblem() {
    DuelsView& duels = m_window->duels();
    m_window->tabs().setCurrentIndex(0);  // looking elsewhere: the match brings the tab forward
    button(duels, "Find a match")->click();
    QTRY_VERIFY_WITH_TIMEOUT(duels.inDuel(), 10000);
    QCOMPARE(m_window->tabs().currentWidget(), &duels);
    DuelView& duel = duels.duel();
    m_matchId = duel.matchId();
    QVERIFY(m_matchId > 0);

    const ApiReply bobsMatch = await(m_bob, "POST", "/api/match/dequeue");
    QCOMPARE(bobsMatch.status, 200);
    QCOMPARE(bobsMatch.object().value("match_id").toInteger(), m_matchId);
    m_problemId = bobsMatch.object().value("problem_id").toInteger();
    QVERIFY(m_problemId > 0);

    // The countdown (2.5 s here) shows first; the problem only once it has passed.
    QTRY_VERIFY_WITH_TIMEOUT(duel.sawCountdown(), 5000);
    QVERIFY(duel.problemView() == nullptr);
    QTRY_VERIFY_WITH_TIMEOUT(duel.problemView() != nullptr, 15000);
    QCOMPARE(duel.problemView()->problemId(), m_problemId);
    QVERIFY(duel.match()->phaseAt(duel.clock().now()) == DuelPhase::Active);
    QVERIFY2(duel.clockText().startsWith("ends in"), qPrintable(duel.clockText()));
    QVERIFY(duel.opponentText().startsWith("bob: no tries yet"));
    QVERIFY(duel.myText().startsWith("You: no tries yet"));
    QVERIFY(m_app->live().connected());
    const QString channel = QString("match:%1").arg(m_matchId);
    QTRY_VERIFY_WITH_TIMEOUT(liveSaw("subscribed",
                                     [&](const QJsonObject& d) {
                                       return d.value("channel").toString() == channel;
                                     }),
                             10000);
  }

  void opponentsWrongTryShowsLive() {
    DuelView& duel = m_window->duels().duel();
    const ApiReply submitted =
        await(m_bob, "POST", "/api/submissions",
              {{"problem_id", m_problemId}, {"language", "python3"}, {"code", "print(0)\n"}});
    QVERIFY2(submitted.ok(), qPrintable(submitted.errorMessage));
    QTRY_VERIFY_WITH_TIMEOUT(duel.opponentText() == "bob: 1 try: WA", 30000);
    // Told over the live channel (the view polls only while it is down).
    QVERIFY(liveSaw("match.progress", [&](const QJsonObject& d) {
      return d.value("match_id").toInteger() == m_matchId && d.value("tries").toInt() == 1;
    }));
    QVERIFY(duel.resultText().isEmpty());
  }

  void acceptedSolutionThroughTheViewWinsWithTheRatingChange() {
    DuelsView& duels = m_window->duels();
    DuelView& duel = duels.duel();
    ProblemView* view = duel.problemView();
    QVERIFY(view);
    const ApiReply list = await(m_bob, "GET", "/api/problems");
    QString slug;
    for (const auto& value : list.object().value("problems").toArray()) {
      if (value.toObject().value("id").toInteger() == m_problemId)
        slug = value.toObject().value("slug").toString();
    }
    QCOMPARE(view->slug(), slug);
    const QString solution = acceptedPython(slug);
    QVERIFY2(!solution.isEmpty(), qPrintable("no accepted Python solution for " + slug));

    auto* language = view->findChild<QComboBox*>();
    QVERIFY(language);
    language->setCurrentIndex(language->findData("python3"));
    QVERIFY(language->currentIndex() >= 0);
    view->editor().setText(solution);
    QPushButton* submit = button(*view, "Submit");
    QVERIFY(submit);
    QSignalSpy sent(&m_app->sync(), &SubmissionSync::sent);
    submit->click();
    QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 1, 10000);
    const ApiReply row = await(m_app->api(), "GET",
                               QString("/api/submissions/%1").arg(sent.at(0).at(1).toLongLong()));
    QVERIFY2(row.ok(), qPrintable(row.errorMessage));
    QCOMPARE(row.object().value("problem_id").toInteger(), m_problemId);
    QCOMPARE(row.object().value("language").toString(), QString("python3"));

    QTRY_VERIFY_WITH_TIMEOUT(duel.resultText().startsWith("You won (solved)"), 60000);
    QVERIFY2(duel.resultText().contains("rating 1500 → "), qPrintable(duel.resultText()));
    QVERIFY2(duel.resultText().contains("(+"), qPrintable(duel.resultText()));
    QTRY_VERIFY_WITH_TIMEOUT(duel.myText().startsWith("You: solved ✓ in 1 try: AC"), 10000);
    QCOMPARE(duel.clockText(), QString("finished"));
    QVERIFY(liveSaw("match.finished", [&](const QJsonObject& d) {
      return d.value("match_id").toInteger() == m_matchId &&
             d.value("winner_id").toInteger() == duels.userId();
    }));

    QDir().mkpath(ARENA_SCREENSHOT_DIR);
    QVERIFY(m_window->grab().save(QString(ARENA_SCREENSHOT_DIR) + "/desktop-duel.png"));
  }

  void backInTheLobbyTheChartHasThePoint() {
    DuelsView& duels = m_window->duels();
    // A copy: the view replaces its model whenever it refetches (during the waits below).
    const std::optional<DuelMatch> match = duels.duel().match();
    QVERIFY(match && match->result);
    const auto mine = std::find_if(
        match->result->ratingChanges.begin(), match->result->ratingChanges.end(),
        [&](const DuelRatingChange& c) { return c.userId == duels.userId(); });
    QVERIFY(mine != match->result->ratingChanges.end());
    QCOMPARE(mine->previousRating, 1500);
    QVERIFY(mine->rating > 1500);
    QTRY_COMPARE_WITH_TIMEOUT(duels.ratingChart().points().size(), std::size_t{1}, 10000);
    QCOMPARE(duels.ratingChart().points().back().rating, mine->rating);
    QCOMPARE(duels.ratingChart().points().back().matchId, m_matchId);

    QPushButton* back = button(duels.duel(), "Back to the lobby");
    QVERIFY(back);
    back->click();
    QVERIFY(!duels.inDuel());
    QCOMPARE(duels.lobby().state(), LobbyState::Idle);
    QTRY_VERIFY_WITH_TIMEOUT(
        duels.profileText() == QString("ada · rating %1").arg(mine->rating), 10000);
    QVERIFY(button(duels, "Find a match")->isEnabled());
  }

  // Back in the lobby, not queued: a proctor's rated lab duel opens by itself when it starts
  // (match.started names ada on her own channel). The ratings are now far apart, so the queue
  // would take a minute to pair them again.
  void labDuelOpensByItselfAndForfeitingItLoses() {
    DuelsView& duels = m_window->duels();
    ApiClient admin;
    admin.setBaseUrl(QUrl(m_server.url()));
    std::optional<ApiReply> login;
    admin.login("admin", m_server.adminPassword(), [&](const ApiReply& r) { login = r; });
    QTRY_VERIFY_WITH_TIMEOUT(login.has_value(), 10000);
    QVERIFY2(login->ok(), qPrintable(login->errorMessage));
    const qint64 bobId = await(m_bob, "GET", "/api/auth/me").object().value("id").toInteger();
    QVERIFY(bobId > 0);
    const ApiReply created = await(admin, "POST", "/api/matches",
                                   {{"player1", duels.userId()},
                                    {"player2", bobId},
                                    {"problem_id", m_problemId},
                                    {"rated", true}});
    QVERIFY2(created.ok(), qPrintable(created.errorMessage));
    const qint64 labId = created.object().value("id").toInteger();

    QTRY_VERIFY_WITH_TIMEOUT(duels.inDuel(), 15000);
    DuelView& duel = duels.duel();
    QCOMPARE(duel.matchId(), labId);
    QTRY_VERIFY_WITH_TIMEOUT(duel.match().has_value(), 10000);
    duel.forfeit();  // the button asks first; the slot does not
    QTRY_VERIFY_WITH_TIMEOUT(duel.resultText().startsWith("You lost (forfeit)"), 10000);
    QVERIFY2(duel.resultText().contains("(-"), qPrintable(duel.resultText()));
    QVERIFY(!button(duel, "Forfeit")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(duels.ratingChart().points().size(), std::size_t{2}, 10000);
    QVERIFY(duels.ratingChart().points().back().delta < 0);
    // Over: forfeiting again asks nothing of the server and changes nothing shown.
    const QString result = duel.resultText();
    duel.forfeit();
    QCOMPARE(duel.resultText(), result);
    QVERIFY(!button(duel, "Forfeit")->isEnabled());
  }
};

QTEST_MAIN(DesktopDuelTest)
#include "desktop_duel_test.moc"
