// JudgeWorkers end to end: SQLite storage in a temporary directory, a problem made through
// storage (so its package is written from rows), the real sandbox and compilers. Verdicts,
// events, analytics, metrics, skipping judged submissions, restart recovery, and a judge that
// cannot run.

#include "features/judging/judge_workers.hpp"

#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

#include "arena/judge/compile_cache.hpp"
#include "arena/model/enum_names.hpp"
#include "judging_test_support.hpp"

namespace arena::server::judging {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using model::Verdict;

constexpr std::uint32_t kUidBlock = 72000;

constexpr const char* kCppSum =
    "#include <iostream>\nint main() { long a, b; std::cin >> a >> b; std::cout << a + b << "
    "'\\n'; }\n";
constexpr const char* kPythonSum = "a, b = map(int, input().split())\nprint(a + b)\n";
constexpr const char* kPythonDifference = "a, b = map(int, input().split())\nprint(a - b)\n";
constexpr const char* kPythonLoop = "while True:\n    pass\n";
constexpr const char* kCppBroken = "int main() { return missing; }\n";

// Collects listener events; waits for a submission's Judged event.
class EventLog {
 public:
  void add(const JudgeEvent& event) {
    {
      std::lock_guard lock(m_mutex);
      m_events.push_back(event);
    }
    m_changed.notify_all();
  }

  bool waitJudged(std::int64_t id, std::chrono::seconds timeout = 20s) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return countLocked(id) > 0; });
  }

  std::vector<JudgeEvent> of(std::int64_t id) const {
    std::lock_guard lock(m_mutex);
    std::vector<JudgeEvent> out;
    for (const auto& event : m_events) {
      if (event.submissionId == id) out.push_back(event);
    }
    return out;
  }

  int judgedCount(std::int64_t id) const {
    std::lock_guard lock(m_mutex);
    return countLocked(id);
  }

 private:
  int countLocked(std::int64_t id) const {
    int n = 0;
    for (const auto& event : m_events) {
      n += event.submissionId == id && event.stage == JudgeEvent::Stage::Judged;
    }
    return n;
  }

  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<JudgeEvent> m_events;
};

class JudgeWorkersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_box = testing::sharedSandbox(kUidBlock);
    ASSERT_NE(m_box, nullptr);
    auto dir = judge::TempDir::create(fs::temp_directory_path(), "judge-workers-test-",
                                      judge::kTraversable);
    ASSERT_TRUE(dir) << dir.error().message;
    m_dir.emplace(std::move(*dir));
    m_storage = testing::openStorage(m_dir->path());
    ASSERT_NE(m_storage, nullptr);
    m_user = testing::makeUser(*m_storage, "judged");
    m_problem = testing::makeProblem(*m_storage, "add",
                                     {{"1 2\n", "3\n", true},
                                      {"10 -4\n", "6\n", false},
                                      {"1000000 1000000\n", "2000000\n", false}},
                                     {1000, 262144, 65536});
    auto table = judge::LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
    ASSERT_TRUE(table) << table.error().message;
    m_languages = std::move(*table);
    auto cache = judge::CompileCache::open(m_dir->path() / "cache");
    ASSERT_TRUE(cache) << cache.error().message;
    m_cache = std::move(*cache);
    m_compiler = std::make_unique<judge::Compiler>(*m_box, m_cache.get(), m_dir->path() / "work");
    m_judge =
        std::make_unique<judge::Judge>(*m_box, m_languages, *m_compiler, m_dir->path() / "work");
    m_packages = std::make_unique<PackageStore>(m_storage->problems(), m_dir->path() / "packages");
  }

  void TearDown() override {
    if (m_workers) m_workers->stop();
  }

  void startWorkers(int count, judge::Judge& judge, JudgeWorkerOptions options = {}) {
    m_workers = std::make_unique<JudgeWorkers>(
        *m_storage, *m_packages, m_queue, judge, m_languages, m_metrics,
        [this](const JudgeEvent& event) { m_events.add(event); }, options);
    m_workers->start(count);
  }
  void startWorkers(int count) { startWorkers(count, *m_judge); }

  std::int64_t submit(const std::string& language, const std::string& code) {
    auto created = m_storage->submissions().create({m_user, m_problem, language, code, {}});
    EXPECT_TRUE(created) << created.error().message;
    return created ? created->record.submission.id : 0;
  }

  storage::SubmissionRecord find(std::int64_t id) {
    auto found = m_storage->submissions().findById(id);
    EXPECT_TRUE(found) << found.error().message;
    return found ? *found : storage::SubmissionRecord{};
  }

  // Pushes and waits for the Judged event.
  storage::SubmissionRecord judge(std::int64_t id) {
    m_queue.push(id);
    EXPECT_TRUE(m_events.waitJudged(id)) << "submission " << id << " was not judged in time";
    return find(id);
  }

  double metric(const std::string& series) {
    return testing::metricValue(m_metrics.render(), series);
  }

  std::vector<storage::AnalyticsEvent> verdictEvents() {
    auto events = m_storage->analytics().query(
        {"verdict", Timestamp{}, Timestamp{std::chrono::milliseconds{INT64_MAX / 2}}, 1000});
    EXPECT_TRUE(events) << events.error().message;
    return events ? *events : std::vector<storage::AnalyticsEvent>{};
  }

  sandbox::Sandbox* m_box = nullptr;
  std::optional<judge::TempDir> m_dir;
  std::unique_ptr<storage::Storage> m_storage;
  std::int64_t m_user = 0;
  std::int64_t m_problem = 0;
  judge::LanguageTable m_languages;
  std::unique_ptr<judge::CompileCache> m_cache;
  std::unique_ptr<judge::Compiler> m_compiler;
  std::unique_ptr<judge::Judge> m_judge;
  std::unique_ptr<PackageStore> m_packages;
  InProcessJudgeQueue m_queue;
  http::Metrics m_metrics;
  EventLog m_events;
  std::unique_ptr<JudgeWorkers> m_workers;
};

TEST_F(JudgeWorkersTest, RecordsAcceptedWrongAnswerTimeLimitAndCompileError) {
  startWorkers(2);
  const auto accepted = submit("cpp", kCppSum);
  const auto wrong = submit("python3", kPythonDifference);
  const auto slow = submit("python3", kPythonLoop);
  const auto broken = submit("cpp", kCppBroken);
  for (auto id : {accepted, wrong, slow, broken}) m_queue.push(id);
  for (auto id : {accepted, wrong, slow, broken}) ASSERT_TRUE(m_events.waitJudged(id)) << id;

  const auto ac = find(accepted).submission;
  EXPECT_EQ(ac.status, model::SubmissionStatus::Judged);
  EXPECT_EQ(ac.verdict, Verdict::Accepted);
  ASSERT_EQ(ac.tests.size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(ac.tests[i].index, static_cast<std::int32_t>(i + 1));
    EXPECT_EQ(ac.tests[i].verdict, Verdict::Accepted);
    EXPECT_LE(ac.tests[i].timeMs, ac.execTimeMs);
    EXPECT_LE(ac.tests[i].memoryKb, ac.memoryKb);
  }
  EXPECT_GT(ac.memoryKb, 0);

  // The sample already fails (1 - 2 is not 3), and pass-fail judging stops there.
  const auto wa = find(wrong).submission;
  EXPECT_EQ(wa.verdict, Verdict::WrongAnswer);
  ASSERT_EQ(wa.tests.size(), 1U);
  EXPECT_EQ(wa.tests[0].verdict, Verdict::WrongAnswer);

  const auto tle = find(slow).submission;
  EXPECT_EQ(tle.verdict, Verdict::TimeLimitExceeded);
  EXPECT_GE(tle.execTimeMs, 1000);

  const auto ce = find(broken).submission;
  EXPECT_EQ(ce.verdict, Verdict::CompileError);
  EXPECT_TRUE(ce.tests.empty());

  EXPECT_EQ(metric("arena_judge_runs_total{outcome=\"recorded\"}"), 4);
  EXPECT_EQ(metric("arena_verdicts_total{verdict=\"AC\"}"), 1);
  EXPECT_EQ(metric("arena_verdicts_total{verdict=\"WA\"}"), 1);
  EXPECT_EQ(metric("arena_verdicts_total{verdict=\"TLE\"}"), 1);
  EXPECT_EQ(metric("arena_verdicts_total{verdict=\"CE\"}"), 1);
  EXPECT_NE(m_metrics.render().find("# TYPE arena_verdicts_total counter"), std::string::npos);

  const auto events = verdictEvents();
  ASSERT_EQ(events.size(), 4U);
  std::map<std::int64_t, nlohmann::json> byId;
  for (const auto& event : events) {
    EXPECT_EQ(event.userId, m_user);
    byId[event.metadata.at("submission_id").get<std::int64_t>()] = event.metadata;
  }
  EXPECT_EQ(byId.at(accepted).at("verdict"), "AC");
  EXPECT_EQ(byId.at(accepted).at("problem_id"), m_problem);
  EXPECT_EQ(byId.at(accepted).at("time_ms"), ac.execTimeMs);
  EXPECT_EQ(byId.at(accepted).at("memory_kb"), ac.memoryKb);
  EXPECT_EQ(byId.at(slow).at("verdict"), "TLE");
}

TEST_F(JudgeWorkersTest, EventsGoFromCompilingThroughEveryTestToJudged) {
  startWorkers(1);
  const auto id = submit("python", kPythonSum);
  const auto judged = judge(id);
  EXPECT_EQ(judged.submission.verdict, Verdict::Accepted);
  EXPECT_EQ(judged.judgeAttempt, 1);

  const auto events = m_events.of(id);
  using Stage = JudgeEvent::Stage;
  ASSERT_EQ(events.size(), 8U);  // Compiling, 3 x (Running, TestFinished), Judged
  EXPECT_EQ(events[0].stage, Stage::Compiling);
  for (int k = 1; k <= 3; ++k) {
    const auto& running = events[static_cast<std::size_t>(2 * k - 1)];
    const auto& finished = events[static_cast<std::size_t>(2 * k)];
    EXPECT_EQ(running.stage, Stage::Running);
    EXPECT_EQ(running.test, k);
    EXPECT_EQ(running.total, 3);
    EXPECT_EQ(finished.stage, Stage::TestFinished);
    EXPECT_EQ(finished.test, k);
    EXPECT_EQ(finished.verdict, Verdict::Accepted);
  }
  EXPECT_EQ(events[7].stage, Stage::Judged);
  EXPECT_EQ(events[7].verdict, Verdict::Accepted);
  for (const auto& event : events) {
    EXPECT_EQ(event.userId, m_user);
    EXPECT_EQ(event.problemId, m_problem);
  }
}

TEST_F(JudgeWorkersTest, AnAlreadyJudgedSubmissionIsSkippedAndNotCountedAgain) {
  const auto done = submit("python3", kPythonSum);
  auto attempt = m_storage->submissions().claimForJudging(done);
  ASSERT_TRUE(attempt);
  storage::JudgeResult earlier;
  earlier.verdict = Verdict::WrongAnswer;
  ASSERT_EQ(m_storage->submissions().recordResult(done, *attempt, earlier).value(),
            storage::RecordOutcome::Recorded);

  startWorkers(1);
  m_queue.push(done);
  const auto marker = submit("python3", kPythonSum);
  judge(marker);  // one worker, FIFO: `done` was taken first

  const auto record = find(done);
  EXPECT_EQ(record.submission.verdict, Verdict::WrongAnswer);
  EXPECT_EQ(record.judgeAttempt, 1);
  EXPECT_TRUE(m_events.of(done).empty());
  EXPECT_EQ(metric("arena_judge_runs_total{outcome=\"stale\"}"), 1);
  EXPECT_EQ(metric("arena_judge_runs_total{outcome=\"recorded\"}"), 1);
  EXPECT_EQ(verdictEvents().size(), 1U);
}

TEST_F(JudgeWorkersTest, ARestartRequeuesUnfinishedSubmissionsAndJudgesEachOnce) {
  // Before the "crash": one submission was being compiled, one still queued, one judged.
  const auto midCompile = submit("python3", kPythonSum);
  ASSERT_EQ(m_storage->submissions().claimForJudging(midCompile).value(), 1);
  const auto queued = submit("python3", kPythonDifference);
  const auto finished = submit("python3", kPythonSum);
  const auto finishedAttempt = m_storage->submissions().claimForJudging(finished).value();
  ASSERT_TRUE(m_storage->submissions().recordResult(finished, finishedAttempt, {}));

  startWorkers(2);
  auto requeued = m_workers->requeueUnfinished();
  ASSERT_TRUE(requeued) << requeued.error().message;
  EXPECT_EQ(*requeued, 2U);
  ASSERT_TRUE(m_events.waitJudged(midCompile));
  ASSERT_TRUE(m_events.waitJudged(queued));

  const auto first = find(midCompile);
  EXPECT_EQ(first.submission.verdict, Verdict::Accepted);
  EXPECT_EQ(first.judgeAttempt, 2) << "the abandoned attempt 1 is superseded";
  const auto second = find(queued);
  EXPECT_EQ(second.submission.verdict, Verdict::WrongAnswer);
  EXPECT_EQ(second.judgeAttempt, 1);

  // A late second delivery of both (the queue entry that raced the requeue) changes nothing.
  m_queue.push(midCompile);
  m_queue.push(queued);
  const auto marker = submit("python3", kPythonSum);
  m_queue.push(marker);
  ASSERT_TRUE(m_events.waitJudged(marker));
  // Two workers: wait until the duplicates were also taken (they were pushed before the marker).
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (metric("arena_judge_runs_total{outcome=\"stale\"}") < 2 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(metric("arena_judge_runs_total{outcome=\"stale\"}"), 2);
  EXPECT_EQ(find(midCompile).judgeAttempt, 2);
  EXPECT_EQ(m_events.judgedCount(midCompile), 1);
  EXPECT_EQ(m_events.judgedCount(queued), 1);
  EXPECT_EQ(m_events.judgedCount(finished), 0);
  EXPECT_EQ(verdictEvents().size(), 3U);  // midCompile, queued, marker
  EXPECT_EQ(metric("arena_judge_runs_total{outcome=\"recorded\"}"), 3);
}

TEST_F(JudgeWorkersTest, AnInstalledPackageIsJudgedWithItsOwnOutputValidator) {
  // pairsum: a legacy package with a custom output validator and no explicit time limit (the
  // problem row's is used).
  const auto id = testing::makeProblem(*m_storage, "pairsum", {}, {2000, 262144, 65536});
  auto record = m_storage->problems().findById(id);
  ASSERT_TRUE(record);
  ASSERT_TRUE(m_packages->install(*record, ARENA_TEST_PROBLEMS_DIR "/pairsum"));
  m_problem = id;
  startWorkers(1);
  const auto accepted = submit(
      "python3",
      testing::readText(ARENA_TEST_PROBLEMS_DIR "/pairsum/submissions/accepted/dictionary.py"));
  const auto judged = judge(accepted);
  EXPECT_EQ(judged.submission.verdict, Verdict::Accepted);
  EXPECT_FALSE(judged.submission.tests.empty());

  const auto wrong =
      submit("c", testing::readText(ARENA_TEST_PROBLEMS_DIR
                                    "/pairsum/submissions/wrong_answer/binary_search.c"));
  EXPECT_EQ(judge(wrong).submission.verdict, Verdict::WrongAnswer);
}

TEST_F(JudgeWorkersTest, ALanguageTheJudgeDoesNotHaveIsACompileError) {
  startWorkers(1);
  const auto id = submit("cobol", "DISPLAY 'HELLO'.");
  const auto record = judge(id);
  EXPECT_EQ(record.submission.verdict, Verdict::CompileError);
  EXPECT_TRUE(record.submission.tests.empty());
}

TEST_F(JudgeWorkersTest, AJudgeThatCannotRunRetriesThenRecordsJudgeError) {
  // A work root that is a file: every judgement fails before any verdict.
  const fs::path blocked = m_dir->path() / "not-a-directory";
  std::ofstream(blocked) << "x";
  judge::Judge broken(*m_box, m_languages, *m_compiler, blocked / "work");
  JudgeWorkerOptions options;
  options.retryDelay = 20ms;
  options.maxJudgeFailures = 3;
  startWorkers(1, broken, options);

  const auto id = submit("python3", kPythonSum);
  const auto record = judge(id);
  EXPECT_EQ(record.submission.verdict, Verdict::JudgeError);
  EXPECT_EQ(record.judgeAttempt, 3);
  EXPECT_EQ(metric("arena_judge_runs_total{outcome=\"error\"}"), 2);
  EXPECT_EQ(metric("arena_judge_runs_total{outcome=\"recorded\"}"), 1);
  EXPECT_EQ(metric("arena_verdicts_total{verdict=\"JE\"}"), 1);
  // Compiling was announced for each attempt; Judged once.
  int compiling = 0;
  for (const auto& event : m_events.of(id))
    compiling += event.stage == JudgeEvent::Stage::Compiling;
  EXPECT_EQ(compiling, 3);
  EXPECT_EQ(m_events.judgedCount(id), 1);
}

TEST_F(JudgeWorkersTest, AThrowingListenerCostsNothingAndStopJoinsEveryThread) {
  m_workers = std::make_unique<JudgeWorkers>(
      *m_storage, *m_packages, m_queue, *m_judge, m_languages, m_metrics,
      [](const JudgeEvent&) { throw std::runtime_error("listener broke"); });
  m_workers->start(3);
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (m_workers->running() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(m_workers->running(), 3);

  const auto id = submit("python3", kPythonSum);
  m_queue.push(id);
  while (find(id).submission.status != model::SubmissionStatus::Judged &&
         std::chrono::steady_clock::now() < deadline + 15s) {
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(find(id).submission.verdict, Verdict::Accepted);

  m_queue.close();  // workers must neither spin nor hang on a closed queue
  const auto began = std::chrono::steady_clock::now();
  m_workers->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - began, 3s);
  EXPECT_EQ(m_workers->running(), 0);
}

}  // namespace
}  // namespace arena::server::judging
