// ProblemService on both storage backends: the catalogue's reads, writes and validation, and
// above all its cache: a read after a write must never see the bytes from before it.

#include "features/problems/problem_service.hpp"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "features/problems/problem_request.hpp"
#include "storage_fixture.hpp"

namespace arena::server::problems {
namespace {

using nlohmann::json;
using storage::testing::StorageTest;

json validBody(const std::string& slug) {
  return {
      {"slug", slug},
      {"title", "Add Two"},
      {"difficulty", "easy"},
      {"description", "Print $a + b$."},
      {"limits", {{"time_limit_ms", 1000}, {"memory_limit_kb", 65536}, {"output_limit_kb", 1024}}},
      {"tests",
       json::array({{{"input", "1 2\n"}, {"expected_output", "3\n"}, {"is_public", true}},
                    {{"input", "40 2\n"}, {"expected_output", "42\n"}, {"is_public", false}}})}};
}

ProblemDraft draftOf(const json& body) {
  auto draft = parseProblemBody(body, TestsRequirement::Required);
  EXPECT_TRUE(draft.has_value()) << draft.error().message;
  return draft ? *draft : ProblemDraft{};
}

json parsed(const Result<std::shared_ptr<const std::string>>& bytes) {
  EXPECT_TRUE(bytes.has_value()) << bytes.error().message;
  if (!bytes) return {};
  return json::parse(**bytes);
}

class ProblemServiceTest : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    m_service = std::make_unique<ProblemService>(storage().problems());
  }
  ProblemService& service() { return *m_service; }

 private:
  std::unique_ptr<ProblemService> m_service;
};

TEST_P(ProblemServiceTest, CreatedProblemIsListedAndOpened) {
  auto created = service().create(draftOf(validBody("add-two")));
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_GT(created->problem.id, 0);

  const json list = parsed(service().list(std::nullopt));
  ASSERT_EQ(list["problems"].size(), 1u);
  const json& item = list["problems"][0];
  EXPECT_EQ(item["slug"], "add-two");
  EXPECT_EQ(item["title"], "Add Two");
  EXPECT_EQ(item["difficulty"], "easy");
  EXPECT_EQ(item["limits"]["time_limit_ms"], 1000);
  EXPECT_FALSE(item.contains("description"));  // the list stays small

  const json problem = parsed(service().get("add-two"));
  EXPECT_EQ(problem["id"], created->problem.id);
  EXPECT_EQ(problem["description"], "Print $a + b$.");
  EXPECT_EQ(problem["limits"]["memory_limit_kb"], 65536);
}

TEST_P(ProblemServiceTest, ListFiltersByDifficulty) {
  json hard = validBody("hard-one");
  hard["difficulty"] = "hard";
  ASSERT_TRUE(service().create(draftOf(validBody("easy-one"))).has_value());
  ASSERT_TRUE(service().create(draftOf(hard)).has_value());
  EXPECT_EQ(parsed(service().list(model::Difficulty::Hard))["problems"].size(), 1u);
  EXPECT_EQ(parsed(service().list(model::Difficulty::Hard))["problems"][0]["slug"], "hard-one");
  EXPECT_EQ(parsed(service().list(model::Difficulty::Medium))["problems"].size(), 0u);
  EXPECT_EQ(parsed(service().list(std::nullopt))["problems"].size(), 2u);
}

TEST_P(ProblemServiceTest, RepeatedReadsShareTheCachedBytes) {
  ASSERT_TRUE(service().create(draftOf(validBody("add-two"))).has_value());
  auto first = service().list(std::nullopt);
  auto second = service().list(std::nullopt);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->get(), second->get());
  auto a = service().get("add-two");
  auto b = service().get("add-two");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->get(), b->get());
}

TEST_P(ProblemServiceTest, HiddenTestsNeverAppearInTheProblemDocument) {
  ASSERT_TRUE(service().create(draftOf(validBody("add-two"))).has_value());
  const auto bytes = service().get("add-two");
  ASSERT_TRUE(bytes.has_value());
  const json problem = json::parse(**bytes);
  ASSERT_EQ(problem["samples"].size(), 1u);
  EXPECT_EQ(problem["samples"][0]["input"], "1 2\n");
  EXPECT_EQ(problem["samples"][0]["output"], "3\n");
  EXPECT_EQ((*bytes)->find("40 2"), std::string::npos);
  EXPECT_EQ((*bytes)->find("42"), std::string::npos);

  auto all = service().tests("add-two");
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);  // the proctor's view has both, in order
  EXPECT_TRUE((*all)[0].isPublic);
  EXPECT_FALSE((*all)[1].isPublic);
  EXPECT_EQ((*all)[1].input, "40 2\n");
}

TEST_P(ProblemServiceTest, UpdateIsSeenByTheNextRead) {
  ASSERT_TRUE(service().create(draftOf(validBody("add-two"))).has_value());
  ASSERT_EQ(parsed(service().get("add-two"))["title"], "Add Two");  // now cached
  ASSERT_EQ(parsed(service().list(std::nullopt))["problems"][0]["title"], "Add Two");

  json body = validBody("add-two");
  body["title"] = "Add Two, Revised";
  body["difficulty"] = "medium";
  body["tests"] =
      json::array({{{"input", "5 5\n"}, {"expected_output", "10\n"}, {"is_public", true}}});
  auto updated = service().update("add-two", draftOf(body));
  ASSERT_TRUE(updated.has_value()) << updated.error().message;
  EXPECT_EQ(updated->problem.title, "Add Two, Revised");

  const json problem = parsed(service().get("add-two"));
  EXPECT_EQ(problem["title"], "Add Two, Revised");
  EXPECT_EQ(problem["samples"][0]["input"], "5 5\n");
  EXPECT_EQ(parsed(service().list(std::nullopt))["problems"][0]["title"], "Add Two, Revised");
  EXPECT_EQ(parsed(service().list(model::Difficulty::Easy))["problems"].size(), 0u);
  EXPECT_EQ(parsed(service().list(model::Difficulty::Medium))["problems"].size(), 1u);
}

TEST_P(ProblemServiceTest, UpdateWithoutTestsKeepsThem) {
  ASSERT_TRUE(service().create(draftOf(validBody("add-two"))).has_value());
  json body = validBody("add-two");
  body.erase("tests");
  auto draft = parseProblemBody(body, TestsRequirement::Optional);
  ASSERT_TRUE(draft.has_value()) << draft.error().message;
  ASSERT_TRUE(service().update("add-two", *draft).has_value());
  auto tests = service().tests("add-two");
  ASSERT_TRUE(tests.has_value());
  EXPECT_EQ(tests->size(), 2u);
}

TEST_P(ProblemServiceTest, DeactivatedProblemDisappearsFromContestants) {
  ASSERT_TRUE(service().create(draftOf(validBody("add-two"))).has_value());
  ASSERT_TRUE(service().get("add-two").has_value());  // cached
  ASSERT_EQ(parsed(service().list(std::nullopt))["problems"].size(), 1u);

  ASSERT_TRUE(service().deactivate("add-two").has_value());
  auto gone = service().get("add-two");
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
  EXPECT_EQ(parsed(service().list(std::nullopt))["problems"].size(), 0u);

  const json proctorView = parsed(service().getForProctor("add-two"));  // rows are kept
  EXPECT_EQ(proctorView["is_active"], false);
}

TEST_P(ProblemServiceTest, TakenSlugIsAConflict) {
  ASSERT_TRUE(service().create(draftOf(validBody("add-two"))).has_value());
  auto again = service().create(draftOf(validBody("add-two")));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_EQ(httpStatus(again.error().code), 409);
}

TEST_P(ProblemServiceTest, UnknownSlugsAreNotFound) {
  for (const char* slug : {"nope", "", "../etc/passwd", "x' OR '1'='1"}) {
    auto result = service().get(slug);
    ASSERT_FALSE(result.has_value()) << slug;
    EXPECT_EQ(result.error().code, ErrorCode::NotFound) << slug;
    EXPECT_FALSE(service().update(slug, draftOf(validBody("nope"))).has_value()) << slug;
    EXPECT_FALSE(service().deactivate(slug).has_value()) << slug;
  }
}

TEST_P(ProblemServiceTest, SqlMetacharactersAreStoredVerbatim) {
  json body = validBody("quotes");
  const std::string title = "Robert'); DROP TABLE problems;-- \"x\" \\ %_";
  const std::string description = "'; DELETE FROM test_cases WHERE '1'='1 -- $a_i$ \xC3\xA9";
  body["title"] = title;
  body["description"] = description;
  body["tests"][0]["input"] = "' OR 1=1 --\n";
  ASSERT_TRUE(service().create(draftOf(body)).has_value());
  const json problem = parsed(service().get("quotes"));
  EXPECT_EQ(problem["title"], title);
  EXPECT_EQ(problem["description"], description);
  EXPECT_EQ(problem["samples"][0]["input"], "' OR 1=1 --\n");
  EXPECT_EQ(parsed(service().list(std::nullopt))["problems"].size(), 1u);
}

TEST_P(ProblemServiceTest, ConcurrentReadersSeeEveryCompletedWrite) {
  ASSERT_TRUE(service().create(draftOf(validBody("add-two"))).has_value());
  std::atomic<int> completedRevision{0};
  std::atomic<bool> stop{false};
  std::atomic<int> staleReads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        const int before = completedRevision.load();
        auto bytes = service().get("add-two");
        if (!bytes) continue;
        const std::string title = json::parse(**bytes)["title"].get<std::string>();
        const int seen = title == "Add Two" ? 0 : std::stoi(title.substr(title.rfind(' ') + 1));
        if (seen < before) ++staleReads;
      }
    });
  }
  for (int revision = 1; revision <= 15; ++revision) {
    json body = validBody("add-two");
    body["title"] = "Revision " + std::to_string(revision);
    body.erase("tests");
    auto draft = parseProblemBody(body, TestsRequirement::Optional);
    ASSERT_TRUE(draft.has_value());
    ASSERT_TRUE(service().update("add-two", *draft).has_value());
    completedRevision.store(revision);
  }
  stop.store(true);
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(staleReads.load(), 0);
  EXPECT_EQ(parsed(service().get("add-two"))["title"], "Revision 15");
}

ARENA_STORAGE_BACKENDS(ProblemServiceTest);

// ---- validation: pure, no storage ----

struct BadField {
  const char* field;  // the name the error must carry
  json (*mutate)();
};

json withField(const char* key, json value) {
  json body = validBody("valid-slug");
  body[key] = std::move(value);
  return body;
}

json withLimit(const char* key, json value) {
  json body = validBody("valid-slug");
  body["limits"][key] = std::move(value);
  return body;
}

const BadField kBadFields[] = {
    {"slug", [] { return withField("slug", ""); }},
    {"slug", [] { return withField("slug", "Upper-Case"); }},
    {"slug", [] { return withField("slug", "has space"); }},
    {"slug", [] { return withField("slug", "../etc"); }},
    {"slug", [] { return withField("slug", std::string(65, 'a')); }},
    {"slug", [] { return withField("slug", 42); }},
    {"title", [] { return withField("title", ""); }},
    {"title", [] { return withField("title", std::string(201, 't')); }},
    {"difficulty", [] { return withField("difficulty", "impossible"); }},
    {"difficulty", [] { return withField("difficulty", nullptr); }},
    {"description", [] { return withField("description", std::string(256 * 1024 + 1, 'd')); }},
    {"time_limit_ms", [] { return withLimit("time_limit_ms", 99); }},
    {"time_limit_ms", [] { return withLimit("time_limit_ms", 30001); }},
    {"memory_limit_kb", [] { return withLimit("memory_limit_kb", 16383); }},
    {"memory_limit_kb", [] { return withLimit("memory_limit_kb", 2 * 1024 * 1024 + 1); }},
    {"output_limit_kb", [] { return withLimit("output_limit_kb", 0); }},
    {"output_limit_kb", [] { return withLimit("output_limit_kb", 256 * 1024 + 1); }},
    {"tests", [] { return withField("tests", json::array()); }},
    {"tests", [] { return withField("tests", "not an array"); }},
    {"tests",
     [] {
       json body = validBody("valid-slug");
       body.erase("tests");
       return body;
     }},
    {"tests",
     [] {
       json many = json::array();
       for (int i = 0; i < 501; ++i) many.push_back({{"input", ""}, {"expected_output", ""}});
       return withField("tests", many);
     }},
    {"tests[1].input",
     [] {
       json body = validBody("valid-slug");
       body["tests"][1]["input"] = 7;
       return body;
     }},
    {"tests[0].expected_output",
     [] {
       json body = validBody("valid-slug");
       body["tests"][0]["expected_output"] = std::string(16 * 1024 * 1024 + 1, 'x');
       return body;
     }},
};

TEST(ProblemValidationTest, EveryBadFieldIsNamedInA400) {
  for (const BadField& bad : kBadFields) {
    auto draft = parseProblemBody(bad.mutate(), TestsRequirement::Required);
    ASSERT_FALSE(draft.has_value()) << bad.field;
    EXPECT_EQ(draft.error().code, ErrorCode::InvalidArgument) << bad.field;
    EXPECT_EQ(httpStatus(draft.error().code), 400);
    EXPECT_NE(draft.error().message.find(bad.field), std::string::npos)
        << bad.field << " not in: " << draft.error().message.substr(0, 200);
  }
}

TEST(ProblemValidationTest, ValidBodyDecodesEveryField) {
  auto draft = parseProblemBody(validBody("add-two"), TestsRequirement::Required);
  ASSERT_TRUE(draft.has_value()) << draft.error().message;
  EXPECT_EQ(draft->problem.slug, "add-two");
  EXPECT_EQ(draft->problem.difficulty, model::Difficulty::Easy);
  EXPECT_EQ(draft->problem.limits.outputLimitKb, 1024);
  ASSERT_TRUE(draft->tests.has_value());
  EXPECT_EQ(draft->tests->size(), 2u);
  EXPECT_TRUE((*draft->tests)[0].isPublic);
}

TEST(ProblemValidationTest, MissingLimitsTakeTheDefaults) {
  json body = validBody("add-two");
  body.erase("limits");
  auto draft = parseProblemBody(body, TestsRequirement::Required);
  ASSERT_TRUE(draft.has_value()) << draft.error().message;
  EXPECT_EQ(draft->problem.limits, model::Limits{});
}

TEST(ProblemValidationTest, NonObjectBodyIsRejected) {
  for (const json& body : {json::array(), json("text"), json(nullptr)}) {
    auto draft = parseProblemBody(body, TestsRequirement::Required);
    ASSERT_FALSE(draft.has_value());
    EXPECT_EQ(draft.error().code, ErrorCode::InvalidArgument);
  }
}

}  // namespace
}  // namespace arena::server::problems
