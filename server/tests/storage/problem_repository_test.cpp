#include <vector>

#include "storage/sql/sql_database.hpp"
#include "storage_fixture.hpp"
#include "tricky_strings.hpp"

namespace arena::server::storage::testing {
namespace {

class ProblemRepositoryTest : public StorageTest {
 protected:
  model::Problem problem(const std::string& slug,
                         model::Difficulty difficulty = model::Difficulty::Easy) {
    model::Problem p;
    p.slug = slug;
    p.title = "Title of " + slug;
    p.difficulty = difficulty;
    p.description = "Read $n$ numbers.";
    p.limits = {2000, 131072, 1024};
    return p;
  }

  static std::vector<model::TestCase> tests(
      std::initializer_list<std::pair<std::string, bool>> inputs) {
    std::vector<model::TestCase> out;
    for (const auto& [input, isPublic] : inputs)
      out.push_back({0, 0, input, "answer to " + input, isPublic});
    return out;
  }
};

TEST_P(ProblemRepositoryTest, CreatesFindsUpdatesAndDeactivates) {
  auto created = storage().problems().create(problem("two-sum", model::Difficulty::Medium));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_TRUE(created->isActive);
  auto byId = storage().problems().findById(created->problem.id);
  ASSERT_TRUE(byId.has_value());
  EXPECT_EQ(*byId, *created);
  auto bySlug = storage().problems().findBySlug("two-sum");
  ASSERT_TRUE(bySlug.has_value());
  EXPECT_EQ(*bySlug, *created);

  auto changed = created->problem;
  changed.title = "Two Sum, revised";
  changed.limits.timeLimitMs = 3000;
  changed.difficulty = model::Difficulty::Hard;
  ASSERT_TRUE(storage().problems().update(changed).has_value());
  EXPECT_EQ(storage().problems().findById(changed.id)->problem, changed);

  ASSERT_TRUE(storage().problems().setActive(changed.id, false).has_value());
  EXPECT_FALSE(storage().problems().findById(changed.id)->isActive);
}

TEST_P(ProblemRepositoryTest, ListsWithFilters) {
  makeProblem("a");
  const auto medium =
      storage().problems().create(problem("b", model::Difficulty::Medium))->problem.id;
  const auto hidden =
      storage().problems().create(problem("c", model::Difficulty::Medium))->problem.id;
  ASSERT_TRUE(storage().problems().setActive(hidden, false));

  auto active = storage().problems().list({});
  ASSERT_TRUE(active.has_value()) << active.error().message;
  EXPECT_EQ(active->size(), 2U);
  auto activeMedium = storage().problems().list({model::Difficulty::Medium, true});
  ASSERT_TRUE(activeMedium.has_value());
  ASSERT_EQ(activeMedium->size(), 1U);
  EXPECT_EQ(activeMedium->front().problem.id, medium);
  auto allMedium = storage().problems().list({model::Difficulty::Medium, false});
  ASSERT_TRUE(allMedium.has_value());
  EXPECT_EQ(allMedium->size(), 2U);
  EXPECT_EQ(storage().problems().list({std::nullopt, false})->size(), 3U);
}

TEST_P(ProblemRepositoryTest, DuplicateSlugIsAConflictAndUnknownIsNotFound) {
  makeProblem("dup");
  auto again = storage().problems().create(problem("dup"));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);

  auto other = storage().problems().create(problem("other"));
  ASSERT_TRUE(other.has_value());
  auto renamed = other->problem;
  renamed.slug = "dup";
  EXPECT_EQ(storage().problems().update(renamed).error().code, ErrorCode::Conflict);

  EXPECT_EQ(storage().problems().findById(987654).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().problems().findBySlug("missing").error().code, ErrorCode::NotFound);
  auto ghost = problem("ghost");
  ghost.id = 987654;
  EXPECT_EQ(storage().problems().update(ghost).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().problems().setActive(987654, false).error().code, ErrorCode::NotFound);
  EXPECT_EQ(storage().problems().replaceTestCases(987654, tests({{"1", true}})).error().code,
            ErrorCode::NotFound);
}

TEST_P(ProblemRepositoryTest, ReplacesTestCasesInOrderAndFiltersPublicOnes) {
  const auto id = makeProblem("sum");
  ASSERT_TRUE(storage().problems().replaceTestCases(id, tests({{"old", true}})).has_value());
  ASSERT_TRUE(storage()
                  .problems()
                  .replaceTestCases(id, tests({{"3", true}, {"1", false}, {"2", true}}))
                  .has_value());
  auto all = storage().problems().listTestCases(id, TestCaseScope::All);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 3U);
  EXPECT_EQ((*all)[0].input, "3");
  EXPECT_EQ((*all)[1].input, "1");
  EXPECT_EQ((*all)[2].input, "2");
  EXPECT_EQ((*all)[1].expectedOutput, "answer to 1");
  EXPECT_EQ((*all)[0].problemId, id);
  auto samples = storage().problems().listTestCases(id, TestCaseScope::PublicOnly);
  ASSERT_TRUE(samples.has_value());
  ASSERT_EQ(samples->size(), 2U);
  EXPECT_EQ((*samples)[1].input, "2");
}

TEST_P(ProblemRepositoryTest, AFailedReplacementLeavesTheOldTestCases) {
  const auto id = makeProblem("atomic");
  ASSERT_TRUE(storage()
                  .problems()
                  .replaceTestCases(id, tests({{"keep-1", true}, {"keep-2", false}}))
                  .has_value());
  // A trigger makes the database itself refuse one row in the middle of the replacement.
  const std::string trigger =
      backend() == TestBackend::Sqlite
          ? "CREATE TRIGGER refuse_boom BEFORE INSERT ON test_cases WHEN NEW.input = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'boom refused'); END"
          : "CREATE TRIGGER refuse_boom BEFORE INSERT ON test_cases FOR EACH ROW BEGIN IF "
            "NEW.input = 'boom' THEN "
            "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom refused'; END IF; END";
  auto created = storage().database().exclusive([&](sql::SqlSession& session) -> Result<void> {
    auto done = session.execute(trigger);
    if (!done) return std::unexpected(done.error());
    return {};
  });
  ASSERT_TRUE(created.has_value()) << created.error().message;

  auto replaced = storage().problems().replaceTestCases(
      id, tests({{"new-1", true}, {"boom", false}, {"new-3", true}}));
  ASSERT_FALSE(replaced.has_value());
  EXPECT_NE(replaced.error().message.find("test case 2"), std::string::npos)
      << replaced.error().message;
  auto all = storage().problems().listTestCases(id, TestCaseScope::All);
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].input, "keep-1");
  EXPECT_EQ((*all)[1].input, "keep-2");
}

TEST_P(ProblemRepositoryTest, RevisionStartsAtOneAndBumpsWhenJudgingInputsChange) {
  auto created = storage().problems().create(problem("revised"));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(created->revision, 1);
  const auto id = created->problem.id;
  const auto revision = [&] { return storage().problems().findById(id)->revision; };
  EXPECT_EQ(revision(), 1);

  auto changed = created->problem;
  changed.limits.timeLimitMs = 1500;
  ASSERT_TRUE(storage().problems().update(changed).has_value());
  EXPECT_EQ(revision(), 2);
  // An update that rewrites the same values is still a new revision (callers only update on
  // purpose, and a second package with equal content is harmless).
  ASSERT_TRUE(storage().problems().update(changed).has_value());
  EXPECT_EQ(revision(), 3);

  ASSERT_TRUE(storage().problems().replaceTestCases(id, tests({{"1", true}})).has_value());
  EXPECT_EQ(revision(), 4);
  EXPECT_EQ(storage().problems().findBySlug("revised")->revision, 4);
  EXPECT_EQ(storage().problems().list({})->front().revision, 4);

  // Activation does not change what is judged.
  ASSERT_TRUE(storage().problems().setActive(id, false).has_value());
  ASSERT_TRUE(storage().problems().setActive(id, true).has_value());
  EXPECT_EQ(revision(), 4);

  // Failures change nothing: a slug conflict, and a replacement the database refuses.
  makeProblem("taken");
  auto clash = changed;
  clash.slug = "taken";
  ASSERT_FALSE(storage().problems().update(clash).has_value());
  EXPECT_EQ(revision(), 4);
  const std::string trigger =
      backend() == TestBackend::Sqlite
          ? "CREATE TRIGGER refuse_bad BEFORE INSERT ON test_cases WHEN NEW.input = 'bad' "
            "BEGIN SELECT RAISE(ABORT, 'bad refused'); END"
          : "CREATE TRIGGER refuse_bad BEFORE INSERT ON test_cases FOR EACH ROW BEGIN IF "
            "NEW.input = 'bad' THEN "
            "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'bad refused'; END IF; END";
  ASSERT_TRUE(storage().database().exclusive([&](sql::SqlSession& session) -> Result<void> {
    auto done = session.execute(trigger);
    if (!done) return std::unexpected(done.error());
    return {};
  }));
  ASSERT_FALSE(storage().problems().replaceTestCases(id, tests({{"ok", true}, {"bad", false}})));
  EXPECT_EQ(revision(), 4);

  // Other problems keep their own revision.
  EXPECT_EQ(storage().problems().findBySlug("taken")->revision, 1);
}

TEST_P(ProblemRepositoryTest, LargeTestDataRoundTrips) {
  const auto id = makeProblem("big");
  std::string input;
  input.reserve(4U << 20U);
  for (std::int64_t i = 0; input.size() < (4U << 20U); ++i)
    input += std::to_string(i * 7919 % 1000003) + (i % 16 == 15 ? "\n" : " ");
  std::string output(3U << 20U, 'x');
  for (std::size_t i = 0; i < output.size(); i += 97) output[i] = '\n';
  ASSERT_TRUE(storage().problems().replaceTestCases(
      id, std::vector<model::TestCase>{{0, 0, input, output, false}}));
  auto all = storage().problems().listTestCases(id, TestCaseScope::All);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 1U);
  EXPECT_TRUE((*all)[0].input == input) << "input of " << input.size() << " bytes changed";
  EXPECT_TRUE((*all)[0].expectedOutput == output)
      << "output of " << output.size() << " bytes changed";
}

TEST_P(ProblemRepositoryTest, TrickyStringsRoundTripVerbatim) {
  int n = 0;
  for (const auto tricky : kTrickyStrings) {
    const std::string text{tricky};
    auto p = problem("slug-" + std::to_string(n) + text);
    p.title = text;
    p.description = text;
    auto created = storage().problems().create(p);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    auto found = storage().problems().findBySlug(p.slug);
    ASSERT_TRUE(found.has_value()) << found.error().message;
    EXPECT_EQ(found->problem.title, text);
    EXPECT_EQ(found->problem.description, text);
    ASSERT_TRUE(storage().problems().replaceTestCases(
        created->problem.id, std::vector<model::TestCase>{{0, 0, text, text, true}}));
    EXPECT_EQ(storage()
                  .problems()
                  .listTestCases(created->problem.id, TestCaseScope::All)
                  ->front()
                  .expectedOutput,
              text);
    ++n;
  }
  EXPECT_EQ(storage().problems().list({std::nullopt, false})->size(), kTrickyStrings.size());
}

ARENA_STORAGE_BACKENDS(ProblemRepositoryTest);

}  // namespace
}  // namespace arena::server::storage::testing
