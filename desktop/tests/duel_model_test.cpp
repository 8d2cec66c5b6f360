// The duel feature's logic without widgets or a server: the lobby's queue state machine (with
// and without the server's queue status), the duel read from GET /api/matches/{id} and moved on
// by live events, the clock from the server's time, the texts the duel view shows, and the
// rating chart's scale.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "features/contests/contest_clock.hpp"
#include "features/duels/duel_lobby.hpp"
#include "features/duels/duel_match.hpp"
#include "features/duels/rating_chart.hpp"

using namespace arena::desktop;

namespace {

QJsonObject json(const char* text) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
  if (error.error != QJsonParseError::NoError)
    qFatal("bad test JSON: %s", qPrintable(error.errorString()));
  return doc.object();
}

QDateTime at(const char* iso) { return parseServerTime(QString::fromLatin1(iso)); }

// A duel between ada (7) and bob (9), as a player sees it once the countdown is over.
DuelMatch activeMatch() {
  return *duelMatchFromJson(json(R"({"id":12,"state":"active","status":"active","rated":true,
      "problem_id":3,"started_at":"2026-11-26T12:00:05.000Z","ends_at":"2026-11-26T12:30:05.000Z",
      "ended_at":null,"server_time":"2026-11-26T12:01:00.000Z",
      "players":[{"user_id":7,"username":"ada","rating":1500,"rating_deviation":350,"tries":0,
                  "verdicts":[],"solved":false},
                 {"user_id":9,"username":"bob","rating":1520,"rating_deviation":350,"tries":2,
                  "verdicts":["WA",null],"solved":false}],
      "result":null})"));
}

std::vector<RatingHistoryPoint> history(std::initializer_list<int> ratings) {
  std::vector<RatingHistoryPoint> points;
  for (int rating : ratings) points.push_back({rating, 0, 0, {}});
  return points;
}

}  // namespace

class DuelModelTest : public QObject {
  Q_OBJECT
 private slots:
  // --- the lobby ---

  void lobbyGoesIdleJoiningQueuedMatchedAndBack() {
    DuelLobby lobby;
    QCOMPARE(lobby.state(), LobbyState::Idle);
    QVERIFY(lobby.findMatch());
    QCOMPARE(lobby.state(), LobbyState::Joining);
    QVERIFY(!lobby.findMatch());  // a second click while joining does nothing
    lobby.enqueued(1000);
    QVERIFY(lobby.queued());
    QVERIFY(lobby.matched({44, 3}));
    QCOMPARE(lobby.state(), LobbyState::Matched);
    QCOMPARE(lobby.ticket()->matchId, qint64{44});
    QCOMPARE(lobby.ticket()->problemId, qint64{3});
    lobby.reset();
    QCOMPARE(lobby.state(), LobbyState::Idle);
    QVERIFY(!lobby.ticket().has_value());
  }

  void sameMatchToldTwiceIsNewsOnlyOnce() {
    DuelLobby lobby;
    lobby.findMatch();
    lobby.enqueued(0);
    QVERIFY(lobby.matched({44, 0}));  // the status poll: no problem id yet
    QVERIFY(!lobby.matched({44, 3}));  // match.found after it: not news, but fills the id in
    QCOMPARE(lobby.ticket()->problemId, qint64{3});
    QVERIFY(!lobby.matched({45, 3}));  // a second match while in one cannot be: ignored
    QCOMPARE(lobby.ticket()->matchId, qint64{44});
    QVERIFY(!lobby.matched({0, 3}));
  }

  void waitedTimeComesFromTheServerAndTicksLocallyBetweenPolls() {
    DuelLobby lobby;
    lobby.findMatch();
    lobby.enqueued(10'000);
    QCOMPARE(lobby.waitedMs(12'000), qint64{2000});  // no answer yet: our own count
    const auto none = lobby.statusAnswered(
        json(R"({"status":"queued","waited_ms":7000,"rating":1500,"rating_gap":75,
                 "queue_size":3,"match_id":null})"),
        13'000);
    QVERIFY(!none.has_value());
    // The server's 7 s (it counted from its own enqueue) plus our 1.5 s since its answer.
    QCOMPARE(lobby.waitedMs(14'500), qint64{8500});
    QCOMPARE(lobby.ratingGap(), std::optional<int>(75));
    QCOMPARE(lobby.queueSize(), std::optional<int>(3));
    QCOMPARE(lobby.rating(), std::optional<int>(1500));
    QCOMPARE(lobby.statusText(14'500),
             QString("Waiting 00:00:08 · rating gap ±75 · 3 in the queue"));
  }

  void withoutTheStatusEndpointTheWaitIsCountedLocallyAndTheGapUnknown() {
    DuelLobby lobby;
    lobby.findMatch();
    lobby.enqueued(5000);
    lobby.statusUnavailable();
    QVERIFY(!lobby.statusEndpoint());
    QCOMPARE(lobby.waitedMs(65'999), qint64{60'999});
    QCOMPARE(lobby.statusText(65'999), QString("Waiting 00:01:00 · rating gap —"));
  }

  void statusSayingMatchedGivesTheTicketOnce() {
    DuelLobby lobby;
    lobby.findMatch();
    lobby.enqueued(0);
    const auto ticket =
        lobby.statusAnswered(json(R"({"status":"matched","waited_ms":900,"match_id":31})"), 1000);
    QVERIFY(ticket.has_value());
    QCOMPARE(ticket->matchId, qint64{31});
    QCOMPARE(lobby.state(), LobbyState::Matched);
    // The same answer again (two polls in flight): no second duel.
    QVERIFY(!lobby.statusAnswered(json(R"({"status":"matched","match_id":31})"), 2000));
  }

  void hostileStatusAnswersChangeNothing() {
    DuelLobby lobby;
    // Not queued: a late answer is moot.
    QVERIFY(!lobby.statusAnswered(json(R"({"status":"matched","match_id":5})"), 0));
    QCOMPARE(lobby.state(), LobbyState::Idle);
    lobby.findMatch();
    lobby.enqueued(0);
    QVERIFY(!lobby.statusAnswered(json(R"({"status":"matched","match_id":null})"), 0));
    QVERIFY(!lobby.statusAnswered(json(R"({"status":"surprise","waited_ms":"lots"})"), 0));
    QVERIFY(!lobby.statusAnswered(json(R"({"status":"queued","waited_ms":"lots"})"), 0));
    QVERIFY(lobby.queued());
    QCOMPARE(lobby.waitedMs(3000), qint64{3000});  // the malformed count was not taken
  }

  void serverSayingIdleWhileWeWaitEndsTheWaitWithAMessage() {
    DuelLobby lobby;
    lobby.findMatch();
    lobby.enqueued(0);
    lobby.statusAnswered(json(R"({"status":"idle","waited_ms":0,"match_id":null})"), 1000);
    QCOMPARE(lobby.state(), LobbyState::Idle);
    QVERIFY(lobby.statusText(1000).contains("took you out of the queue"));
    QVERIFY(lobby.findMatch());  // and one may try again
  }

  void cancelAndFailuresReturnToIdle() {
    DuelLobby lobby;
    QVERIFY(!lobby.cancel());  // nothing to cancel
    lobby.findMatch();
    QVERIFY(lobby.cancel());
    lobby.enqueued(0);  // the enqueue's answer after the cancel: stays idle
    QCOMPARE(lobby.state(), LobbyState::Idle);
    lobby.findMatch();
    lobby.enqueueFailed("Could not join the queue: in a match");
    QCOMPARE(lobby.state(), LobbyState::Idle);
    QCOMPARE(lobby.statusText(0), QString("Could not join the queue: in a match"));
    lobby.findMatch();
    lobby.enqueued(0);
    lobby.matched({8, 1});
    QVERIFY(!lobby.cancel());  // matched: leaving is Forfeit's job
    QCOMPARE(lobby.state(), LobbyState::Matched);
  }

  // --- the duel ---

  void matchJsonGivesPlayersTriesAndPendingVerdicts() {
    const DuelMatch match = activeMatch();
    QCOMPARE(match.id, qint64{12});
    QCOMPARE(match.problemId, qint64{3});
    QVERIFY(match.rated);
    QCOMPARE(match.players.size(), std::size_t{2});
    const DuelPlayer* bob = match.opponentOf(7);
    QVERIFY(bob);
    QCOMPARE(bob->username, QString("bob"));
    QCOMPARE(bob->verdicts, QStringList({"WA", ""}));
    QCOMPARE(progressText(*bob), QString("2 tries: WA · …"));
    QCOMPARE(progressText(*match.player(7)), QString("no tries yet"));
    QVERIFY(!match.result.has_value());
  }

  void malformedMatchJsonIsRefused() {
    QVERIFY(!duelMatchFromJson(json(R"({"state":"active","players":[]})")));
    QVERIFY(!duelMatchFromJson(json(R"({"id":3,"players":"two"})")));
    QVERIFY(!duelMatchFromJson(json(R"({"id":3,"players":[{"username":"nobody"}]})")));
  }

  void progressEventsUpdateTriesAndCannotGoBackwards() {
    DuelMatch match = activeMatch();
    // bob's second try judged: the pending slot takes the verdict.
    applyProgress(match, json(R"({"match_id":12,"user_id":9,"tries":2,"last_verdict":"TLE"})"));
    QCOMPARE(match.opponentOf(7)->verdicts, QStringList({"WA", "TLE"}));
    // The same event again (every replica sends one): nothing moves.
    applyProgress(match, json(R"({"match_id":12,"user_id":9,"tries":2,"last_verdict":"TLE"})"));
    QCOMPARE(match.opponentOf(7)->verdicts, QStringList({"WA", "TLE"}));
    // An older event arriving late changes nothing.
    applyProgress(match, json(R"({"match_id":12,"user_id":9,"tries":1,"last_verdict":"WA"})"));
    QCOMPARE(match.opponentOf(7)->tries, 2);
    // Two new tries, the first judged: the second is still being judged.
    applyProgress(match, json(R"({"match_id":12,"user_id":9,"tries":4,"last_verdict":"WA"})"));
    QCOMPARE(match.opponentOf(7)->verdicts, QStringList({"WA", "TLE", "WA", ""}));
    QCOMPARE(progressText(*match.opponentOf(7)), QString("4 tries: WA · TLE · WA · …"));
    applyProgress(match, json(R"({"match_id":12,"user_id":9,"tries":4,"last_verdict":"AC"})"));
    QVERIFY(match.opponentOf(7)->solved);
    QCOMPARE(progressText(*match.opponentOf(7)),
             QString("solved ✓ in 4 tries: WA · TLE · WA · AC"));
    // The first try of someone we knew nothing of: judged at once.
    applyProgress(match, json(R"({"match_id":12,"user_id":7,"tries":1,"last_verdict":"RE"})"));
    QCOMPARE(match.player(7)->verdicts, QStringList({"RE"}));
    // Someone not in the duel: ignored.
    applyProgress(match, json(R"({"match_id":12,"user_id":99,"tries":5})"));
    QCOMPARE(match.players.size(), std::size_t{2});
  }

  void clockCountsDownFromTheServersTimeNotOurs() {
    DuelMatch match = activeMatch();
    match.state = "countdown";
    // Our PC is 90 s behind the server: the server said 12:00:02 when ours said 11:58:32.
    ServerClock clock;
    clock.observe("2026-11-26T12:00:02.000Z", at("2026-11-26T11:58:32.000Z"));
    QCOMPARE(clock.skewMs(), qint64{90'000});
    const QDateTime serverNow = clock.now(at("2026-11-26T11:58:32.000Z"));
    QCOMPARE(match.phaseAt(serverNow), DuelPhase::Countdown);
    QCOMPARE(duelClockText(match, serverNow), QString("starts in 00:00:03"));
    // Our clock alone would still say "one and a half minutes to go".
    const QDateTime later = clock.now(at("2026-11-26T11:58:37.000Z"));
    QCOMPARE(match.phaseAt(later), DuelPhase::Active);  // no event needed to start
    QCOMPARE(duelClockText(match, later), QString("ends in 00:29:58"));
    QCOMPARE(duelClockText(match, at("2026-11-26T12:30:06.000Z")),
             QString("time is up · judging the last tries"));
  }

  void startedEventFillsTheProblemAndTimes() {
    DuelMatch match = *duelMatchFromJson(json(R"({"id":5,"state":"countdown","problem_id":null,
        "started_at":"2026-11-26T12:00:05.000Z","ends_at":null,
        "players":[{"user_id":7,"username":"ada"},{"user_id":9,"username":"bob"}]})"));
    QCOMPARE(match.problemId, qint64{0});
    QCOMPARE(duelClockText(match, at("2026-11-26T12:00:06.000Z")), QString("running"));
    applyStarted(match, json(R"({"match_id":5,"problem_id":4,"started_at":"2026-11-26T12:00:05.000Z",
        "ends_at":"2026-11-26T12:10:05.000Z","server_time":"2026-11-26T12:00:05.010Z"})"));
    QCOMPARE(match.problemId, qint64{4});
    QCOMPARE(match.endsAt, at("2026-11-26T12:10:05.000Z"));
    QCOMPARE(match.state, QString("active"));
  }

  void resultTextTellsEachSideItsOwnOutcomeAndRatingChange() {
    DuelMatch match = activeMatch();
    applyFinished(match, json(R"({"match_id":12,"winner_id":7,"reason":"solved","rated":true,
        "rating_changes":[{"user_id":7,"previous_rating":1500,"rating":1662,"delta":162},
                          {"user_id":9,"previous_rating":1520,"rating":1359,"delta":-161}]})"));
    QCOMPARE(match.phaseAt(at("2026-11-26T12:01:00.000Z")), DuelPhase::Finished);
    QCOMPARE(resultText(match, 7), QString("You won (solved) · rating 1500 → 1662 (+162)"));
    QCOMPARE(resultText(match, 9), QString("You lost (solved) · rating 1520 → 1359 (-161)"));
    QCOMPARE(duelClockText(match, at("2026-11-26T12:01:00.000Z")), QString("finished"));

    applyFinished(match, json(R"({"match_id":12,"winner_id":null,"reason":"time","rated":false,
        "rating_changes":[]})"));
    QCOMPARE(resultText(match, 7), QString("Draw (time) · unrated"));
  }

  void finishedMatchJsonCarriesTheResult() {
    const DuelMatch match = *duelMatchFromJson(json(R"({"id":2,"state":"finished","rated":true,
        "problem_id":1,"players":[{"user_id":7,"username":"ada","tries":1,"verdicts":["AC"],
        "solved":true},{"user_id":9,"username":"bob"}],
        "result":{"winner_id":9,"reason":"forfeit","rating_changes":[
          {"user_id":7,"previous_rating":1500,"rating":1490,"delta":-10}]}})"));
    QVERIFY(match.result.has_value());
    QCOMPARE(resultText(match, 7), QString("You lost (forfeit) · rating 1500 → 1490 (-10)"));
    QCOMPARE(progressText(*match.player(7)), QString("solved ✓ in 1 try: AC"));
  }

  // --- the rating chart ---

  void chartRangeIsRoundedOutToFiftiesWithRoomAroundAFlatLine() {
    QCOMPARE(ratingChartScale({}).low, 1400);  // nothing yet: a sensible empty frame
    const RatingChartScale flat = ratingChartScale(history({1500, 1500}));
    QCOMPARE(flat.low, 1450);
    QCOMPARE(flat.high, 1550);
    const RatingChartScale spread = ratingChartScale(history({1662, 1480, 1533}));
    QCOMPARE(spread.low, 1450);
    QCOMPARE(spread.high, 1700);
    const RatingChartScale exact = ratingChartScale(history({1400, 1600}));
    QCOMPARE(exact.low, 1400);
    QCOMPARE(exact.high, 1600);
  }

  void chartMapsPointsAcrossTheWidthAndRatingsUpwards() {
    const RatingChartScale scale{1400, 1600};
    const QRectF plot(10, 20, 200, 100);
    QCOMPARE(scale.map(0, 3, 1400, plot), QPointF(10, 120));   // oldest, lowest: bottom left
    QCOMPARE(scale.map(2, 3, 1600, plot), QPointF(210, 20));   // newest, highest: top right
    QCOMPARE(scale.map(1, 3, 1500, plot), QPointF(110, 70));
    QCOMPARE(scale.map(0, 1, 1500, plot), QPointF(110, 70));   // one point: the middle
    QCOMPARE(scale.map(0, 2, 9999, plot).y(), 20.0);           // clamped, never off the chart
  }

  void historyJsonSkipsPointsWithoutARating() {
    const auto points = ratingHistoryFromJson(json(R"({"user_id":7,"points":[
        {"rating":1662,"previous_rating":1500,"delta":162,"match_id":12,
         "changed_at":"2026-11-26T12:03:00.000Z"},
        {"rating":null},
        {"rating":1640,"previous_rating":1662,"delta":-22,"match_id":13,
         "changed_at":"2026-11-26T12:40:00.000Z"}]})"));
    QCOMPARE(points.size(), std::size_t{2});
    QCOMPARE(points[0].delta, 162);
    QCOMPARE(points[1].matchId, qint64{13});
    QCOMPARE(points[1].changedAt, at("2026-11-26T12:40:00.000Z"));
  }

  void chartPaintsEmptyAndFullHistoriesOffscreen() {
    RatingChart chart;
    chart.resize(300, 160);
    QVERIFY(!chart.grab().isNull());  // "No rated duels yet"
    chart.setPoints(history({1500, 1662, 1640}));
    const QImage image = chart.grab().toImage();
    QVERIFY(!image.isNull());
    // The line is drawn: some pixel carries the line's blue.
    bool blue = false;
    for (int y = 0; y < image.height() && !blue; ++y) {
      for (int x = 0; x < image.width() && !blue; ++x) {
        const QColor c = image.pixelColor(x, y);
        blue = c.blue() > 150 && c.red() < 120 && c.green() < 150;
      }
    }
    QVERIFY(blue);
  }
};

QTEST_MAIN(DuelModelTest)
#include "duel_model_test.moc"
