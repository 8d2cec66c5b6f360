// The contest feature's logic without widgets: the server clock estimate, countdowns and
// phases, the scoreboard as the table shows it (frozen cells pending), and clarifications
// (merging, and which live events become a notification).

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "features/contests/clarification_feed.hpp"
#include "features/contests/contest_clock.hpp"
#include "features/contests/scoreboard_table.hpp"

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

ContestInfo contest() {
  return *contestFromJson(json(R"({"id":4,"name":"Lab Cup","rules":"icpc","state":"scheduled",
      "starts_at":"2026-11-26T12:00:00.000Z","ends_at":"2026-11-26T14:00:00.000Z",
      "freezes_at":"2026-11-26T13:00:00.000Z"})"));
}

}  // namespace

class ContestModelTest : public QObject {
  Q_OBJECT
 private slots:
  void serverTimeParsesTheServersFormatAsUtc() {
    const QDateTime t = at("2026-11-26T11:51:16.123Z");
    QVERIFY(t.isValid());
    QCOMPARE(t.timeSpec(), Qt::UTC);
    QCOMPARE(t.toMSecsSinceEpoch() % 1000, qint64{123});
    QVERIFY(!parseServerTime("yesterday").isValid());
    QVERIFY(!parseServerTime("").isValid());
  }

  void clockSkewFollowsTheServerEitherWay() {
    ServerClock clock;
    const QDateTime local = at("2026-11-26T12:00:00.000Z");
    clock.observe("2026-11-26T12:03:00.000Z", local);  // our clock is 3 minutes slow
    QCOMPARE(clock.skewMs(), qint64{180'000});
    QCOMPARE(clock.now(local), at("2026-11-26T12:03:00.000Z"));
    clock.observe("2026-11-26T11:59:59.500Z", local);  // now half a second fast
    QCOMPARE(clock.skewMs(), qint64{-500});
  }

  void malformedServerTimeKeepsTheLastGoodSkew() {
    ServerClock clock;
    const QDateTime local = at("2026-11-26T12:00:00.000Z");
    clock.observe("2026-11-26T12:00:10.000Z", local);
    clock.observe("not a time", local);
    clock.observe("", local);
    QCOMPARE(clock.skewMs(), qint64{10'000});
  }

  void countdownRoundsUpAndNeverGoesNegative() {
    QCOMPARE(formatCountdown(0), QString("00:00:00"));
    QCOMPARE(formatCountdown(-5000), QString("00:00:00"));
    QCOMPARE(formatCountdown(1), QString("00:00:01"));  // not "started" a second early
    QCOMPARE(formatCountdown(3'661'000), QString("01:01:01"));
    QCOMPARE(formatCountdown(86'400'000LL * 3 + 3'600'000 * 4 + 5000), QString("3d 04:00:05"));
  }

  void phaseMovesOnWithTheClockAlone() {
    const ContestInfo c = contest();
    QCOMPARE(c.phaseAt(at("2026-11-26T11:59:59.999Z")), ContestPhase::Scheduled);
    QCOMPARE(c.phaseAt(at("2026-11-26T12:00:00.000Z")), ContestPhase::Running);
    QCOMPARE(c.phaseAt(at("2026-11-26T13:00:00.000Z")), ContestPhase::Frozen);
    QCOMPARE(c.phaseAt(at("2026-11-26T14:00:00.000Z")), ContestPhase::Ended);
    ContestInfo unfrozen = c;
    unfrozen.state = "unfrozen";
    QCOMPARE(unfrozen.phaseAt(at("2026-11-26T13:30:00.000Z")), ContestPhase::Running);
    ContestInfo noFreeze = c;
    noFreeze.freezesAt.reset();
    QCOMPARE(noFreeze.phaseAt(at("2026-11-26T13:59:00.000Z")), ContestPhase::Running);
  }

  void statusTextCountsDownToTheNextBoundary() {
    const ContestInfo c = contest();
    QCOMPARE(contestStatusText(c, at("2026-11-26T11:50:00.000Z")), QString("starts in 00:10:00"));
    QCOMPARE(contestStatusText(c, at("2026-11-26T12:01:00.000Z")),
             QString("running · ends in 01:59:00"));
    QCOMPARE(contestStatusText(c, at("2026-11-26T13:30:00.000Z")),
             QString("frozen · ends in 00:30:00"));
    QCOMPARE(contestStatusText(c, at("2026-11-26T15:00:00.000Z")), QString("ended"));
  }

  void contestWithoutItsEssentialsIsRefused() {
    QVERIFY(!contestFromJson(json(
        R"({"name":"x","starts_at":"2026-11-26T12:00:00Z","ends_at":"2026-11-26T13:00:00Z"})")));
    QVERIFY(!contestFromJson(json(
        R"({"id":1,"name":"","starts_at":"2026-11-26T12:00:00Z","ends_at":"2026-11-26T13:00:00Z"})")));
    QVERIFY(!contestFromJson(
        json(R"({"id":1,"name":"x","starts_at":"soon","ends_at":"2026-11-26T13:00:00Z"})")));
    QVERIFY(!contestFromJson(json(R"({"id":"1","name":"x"})")));
    const auto ok = contestFromJson(json(R"({"id":1,"name":"x","starts_at":"2026-11-26T12:00:00Z",
        "ends_at":"2026-11-26T13:00:00Z","freezes_at":null})"));
    QVERIFY(ok);
    QVERIFY(!ok->freezesAt);
  }

  void icpcBoardShowsSolvedFailedAndFrozenCellsAsPending() {
    const ScoreboardTable t = scoreboardFromJson(json(R"({"rules":"icpc","frozen":true,
      "problems":[{"problem_id":10,"label":"A"},{"problem_id":11,"label":"B"},{"problem_id":12,"label":"C"}],
      "teams":[{"id":7,"name":"red"},{"id":8,"name":"blue"}],
      "view":"public","rows":[
        {"rank":1,"team_id":7,"score":{"num_solved":2,"total_time":85},"problems":[
          {"problem_id":10,"num_judged":1,"num_pending":0,"solved":true,"time":20,"first_to_solve":true},
          {"problem_id":11,"num_judged":3,"num_pending":0,"solved":true,"time":25,"first_to_solve":false},
          {"problem_id":12,"num_judged":2,"num_pending":1,"solved":false}]},
        {"rank":2,"team_id":8,"score":{"num_solved":0,"total_time":0},"problems":[
          {"problem_id":10,"num_judged":2,"num_pending":0,"solved":false},
          {"problem_id":11,"num_judged":0,"num_pending":2,"solved":false}]}]})"));
    QVERIFY(t.frozen);
    QVERIFY(!t.ioi);
    QCOMPARE(t.labels, QStringList({"A", "B", "C"}));
    QCOMPARE(t.rows.size(), std::size_t{2});
    const ScoreboardRow& red = t.rows[0];
    QCOMPARE(red.team, QString("red"));
    QCOMPARE(red.score, QString("2 · 85"));
    QCOMPARE(red.cells[0].kind, ScoreboardCell::Kind::Solved);
    QCOMPARE(red.cells[0].text, QString("+ (20)"));
    QVERIFY(red.cells[0].firstToSolve);
    QCOMPARE(red.cells[1].text, QString("+2 (25)"));
    QVERIFY(!red.cells[1].firstToSolve);
    QCOMPARE(red.cells[2].kind, ScoreboardCell::Kind::Pending);
    QCOMPARE(red.cells[2].text, QString("? -2+1"));
    const ScoreboardRow& blue = t.rows[1];
    QCOMPARE(blue.cells[0].kind, ScoreboardCell::Kind::Failed);
    QCOMPARE(blue.cells[0].text, QString("-2"));
    QCOMPARE(blue.cells[1].kind, ScoreboardCell::Kind::Pending);
    QCOMPARE(blue.cells[1].text, QString("? 2"));
    QCOMPARE(blue.cells[2].kind, ScoreboardCell::Kind::Empty);  // never tried
  }

  void ioiBoardShowsPointsAndPendingRuns() {
    const ScoreboardTable t = scoreboardFromJson(json(R"({"rules":"ioi","frozen":false,
      "problems":[{"problem_id":1,"label":"A"},{"problem_id":2,"label":"B"}],"teams":[],
      "rows":[{"rank":1,"team_id":3,"score":{"total":172.5},"problems":[
        {"problem_id":1,"score":100,"num_judged":2,"num_pending":0},
        {"problem_id":2,"score":72.5,"num_judged":1,"num_pending":1}]}]})"));
    QVERIFY(t.ioi);
    QCOMPARE(t.rows[0].team, QString("#3"));  // a team the head does not name keeps its id
    QCOMPARE(t.rows[0].score, QString("172.5"));
    QCOMPARE(t.rows[0].cells[0].text, QString("100"));
    QCOMPARE(t.rows[0].cells[0].kind, ScoreboardCell::Kind::Solved);
    QCOMPARE(t.rows[0].cells[1].kind, ScoreboardCell::Kind::Pending);
    QCOMPARE(t.rows[0].cells[1].text, QString("72.5 ?"));
  }

  void boardBeforeTheStartHasLabelsButNoCellsAndStrayIdsAreIgnored() {
    const ScoreboardTable hidden =
        scoreboardFromJson(json(R"({"rules":"icpc","problems":[{"label":"A"},{"label":"B"}],
      "teams":[{"id":1,"name":"t"}],"rows":[]})"));
    QCOMPARE(hidden.labels, QStringList({"A", "B"}));
    QVERIFY(hidden.rows.empty());
    const ScoreboardTable stray =
        scoreboardFromJson(json(R"({"rules":"icpc","problems":[{"problem_id":1,"label":"A"}],
      "rows":[{"rank":1,"team_id":1,"score":{"num_solved":1,"total_time":3},"problems":[
        {"problem_id":99,"num_judged":1,"solved":true,"time":3}]}]})"));
    QCOMPARE(stray.rows[0].cells.size(), std::size_t{1});
    QCOMPARE(stray.rows[0].cells[0].kind, ScoreboardCell::Kind::Empty);
    QVERIFY(scoreboardFromJson(QJsonObject{}).rows.empty());  // garbage: an empty board, no crash
  }

  void clarificationsMergeByIdNewestFirst() {
    std::vector<Clarification> list;
    mergeClarification(
        list,
        *clarificationFromJson(json(
            R"({"id":1,"contest_id":4,"kind":"clarification","question":"n?","answer":null})")));
    mergeClarification(list,
                       *clarificationFromJson(
                           json(R"({"id":2,"contest_id":4,"kind":"announcement","answer":"go"})")));
    mergeClarification(
        list,
        *clarificationFromJson(json(
            R"({"id":1,"contest_id":4,"kind":"clarification","question":"n?","answer":"n <= 10"})")));
    QCOMPARE(list.size(), std::size_t{2});
    QCOMPARE(list[0].id, qint64{2});
    QVERIFY(list[0].announcement);
    QCOMPARE(list[1].answer, QString("n <= 10"));
    QVERIFY(!clarificationFromJson(json(R"({"kind":"announcement"})")));
  }

  void onlyThisContestsAnswersAndAnnouncementsNotify() {
    const QHash<qint64, QString> labels{{10, "A"}};
    const QJsonObject announcement = json(
        R"({"id":5,"contest_id":4,"problem_id":10,"kind":"announcement","answer":"Use 64-bit"})");
    QCOMPARE(notificationFor("announcement", announcement, 4, labels).value_or(""),
             QString("Announcement: A: Use 64-bit"));
    QVERIFY(!notificationFor("announcement", announcement, 5, labels));  // another contest's
    const QJsonObject answer = json(
        R"({"id":6,"contest_id":4,"problem_id":null,"kind":"clarification","question":"Is n > 0?","answer":"Yes"})");
    QCOMPARE(notificationFor("clarification.answered", answer, 4, labels).value_or(""),
             QString("Answer to \"Is n > 0?\": Yes"));
    QVERIFY(!notificationFor("clarification.new", answer, 4, labels));
    QVERIFY(!notificationFor("contest.scoreboard", answer, 4, labels));
    QVERIFY(!notificationFor("announcement", QJsonObject{}, 4, labels));
  }
};

QTEST_GUILESS_MAIN(ContestModelTest)
#include "contest_model_test.moc"
