// The local runner on programs with known outcomes: the same verdicts the judge gives.

#include <QSignalSpy>
#include <QTest>

#include "services/local_runner.hpp"

using namespace arena::desktop;
using arena::model::Verdict;

namespace {
const std::vector<LocalTestCase> kSumTests = {
    {"sample 1", "1 2\n", QString("3\n")},
    {"sample 2", "-5 5\n", QString("0\n")},
};
arena::model::Limits limits(int timeMs = 1000) {
  arena::model::Limits l;
  l.timeLimitMs = timeMs;
  return l;
}
}  // namespace

class LocalRunnerTest : public QObject {
  Q_OBJECT
  std::unique_ptr<LocalRunner> m_runner;

 private slots:
  void initTestCase() {
    QString error;
    m_runner = LocalRunner::create({.sandboxFirstUid = 300000, .workRoot = {}}, &error);
    QVERIFY2(m_runner != nullptr, qPrintable(error));
    qInfo() << "isolation:" << m_runner->isolationDescription();
  }
  void cleanupTestCase() { m_runner.reset(); }

  void correctProgramIsAcceptedOnEveryTest() {
    const auto report = m_runner->runBlocking(
        "cpp20", "#include <cstdio>\nint main(){long long a,b;std::scanf(\"%lld %lld\",&a,&b);std::printf(\"%lld\\n\",a+b);}\n",
        limits(), kSumTests);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QVERIFY2(report.compiled, qPrintable(report.compileOutput));
    QCOMPARE(report.verdict, Verdict::Accepted);
    QCOMPARE(report.tests.size(), std::size_t{2});
    QCOMPARE(report.tests[0].actual, QString("3\n"));
    QCOMPARE(report.tests[1].verdict, Verdict::Accepted);
  }

  void wrongOutputIsWrongAnswerWithBothOutputsKeptForTheDiff() {
    const auto report =
        m_runner->runBlocking("python3", "a, b = map(int, input().split())\nprint(a - b)\n", limits(), kSumTests);
    QCOMPARE(report.verdict, Verdict::WrongAnswer);
    QCOMPARE(report.tests[0].verdict, Verdict::WrongAnswer);
    QCOMPARE(report.tests[0].actual, QString("-1\n"));
    QCOMPARE(report.tests[0].expected.value(), QString("3\n"));
    QCOMPARE(report.tests[1].verdict, Verdict::WrongAnswer);  // every sample is run and shown
  }

  void whitespaceDifferencesAreAcceptedAsByTheDefaultChecker() {
    const auto report = m_runner->runBlocking("python3", "a, b = map(int, input().split())\nprint('  ', a + b, '  ')\n",
                                              limits(), {kSumTests[0]});
    QCOMPARE(report.verdict, Verdict::Accepted);
  }

  void endlessLoopIsTimeLimitExceeded() {
    const auto report = m_runner->runBlocking("cpp20", "int main(){volatile unsigned x=0;for(;;)++x;}\n",
                                              limits(300), {kSumTests[0]});
    QVERIFY2(report.compiled, qPrintable(report.compileOutput + report.error));
    QCOMPARE(report.verdict, Verdict::TimeLimitExceeded);
    QVERIFY(report.tests[0].timeMs >= 250);
  }

  void syntaxErrorIsCompileErrorWithTheCompilersMessage() {
    const auto report = m_runner->runBlocking("cpp20", "int main( { return 0 }\n", limits(), kSumTests);
    QVERIFY(report.error.isEmpty());
    QVERIFY(!report.compiled);
    QCOMPARE(report.verdict, Verdict::CompileError);
    QVERIFY(report.tests.empty());
    QVERIFY2(report.compileOutput.contains("error"), qPrintable(report.compileOutput));
  }

  void crashIsRuntimeError() {
    const auto report = m_runner->runBlocking("python3", "raise SystemExit(3)\n", limits(), {kSumTests[0]});
    QCOMPARE(report.verdict, Verdict::RuntimeError);
  }

  void customInputRunsWithoutAnAnswerAndShowsTheOutput() {
    const auto report = m_runner->runBlocking("python3", "print(input()[::-1])\n", limits(),
                                              {{"custom", "arena\n", std::nullopt}});
    QCOMPARE(report.tests.size(), std::size_t{1});
    QCOMPARE(report.tests[0].actual, QString("anera\n"));
    QCOMPARE(report.tests[0].verdict, Verdict::Accepted);
  }

  void unknownLanguageIsARunnerErrorNotAVerdict() {
    const auto report = m_runner->runBlocking("cobol", "x", limits(), kSumTests);
    QVERIFY(!report.error.isEmpty());
    QCOMPARE(report.verdict, Verdict::JudgeError);
  }

  void asynchronousRunReportsEachTestThenTheVerdict() {
    QSignalSpy tests(m_runner.get(), &LocalRunner::testFinished);
    QSignalSpy finished(m_runner.get(), &LocalRunner::finished);
    QVERIFY(m_runner->start("python3", "a, b = map(int, input().split())\nprint(a + b)\n", limits(), kSumTests));
    QVERIFY(!m_runner->start("python3", "", limits(), kSumTests));  // one run at a time
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(tests.count(), 2);
    QCOMPARE(finished.at(0).at(0).value<LocalRunReport>().verdict, Verdict::Accepted);
    QVERIFY(!m_runner->busy());
  }
};

QTEST_GUILESS_MAIN(LocalRunnerTest)
#include "local_runner_test.moc"
