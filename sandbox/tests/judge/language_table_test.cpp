#include "arena/judge/language.hpp"

#include <gtest/gtest.h>

namespace arena::judge {
namespace {

TEST(LanguageTableTest, ShippedTableHasTheRequiredLanguages) {
  auto table = LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
  ASSERT_TRUE(table) << table.error().message;
  for (const char* id : {"c", "cpp17", "cpp20", "python3", "java17", "javascript"}) {
    const Language* language = table->find(id);
    ASSERT_NE(language, nullptr) << id;
    EXPECT_FALSE(language->run.empty()) << id;
    EXPECT_FALSE(language->version.empty()) << id;
  }
  EXPECT_TRUE(table->find("cpp20")->compiled());
  EXPECT_TRUE(table->find("java17")->compiled());
  EXPECT_FALSE(table->find("python3")->compiled());
  EXPECT_FALSE(table->find("javascript")->compiled());
  EXPECT_EQ(table->find("java17")->sourceFile, "Main.java");
  EXPECT_GT(table->find("java17")->runProcesses, 1);
}

TEST(LanguageTableTest, AliasesResolveToTheirLanguage) {
  auto table = LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->find("cpp")->id, "cpp20");
  EXPECT_EQ(table->find("python")->id, "python3");
  EXPECT_EQ(table->find("java")->id, "java17");
  EXPECT_EQ(table->find("js")->id, "javascript");
  EXPECT_EQ(table->find("cobol"), nullptr);
  EXPECT_EQ(table->find("CPP"), nullptr);  // ids are exact
}

TEST(LanguageTableTest, ShippedToolchainsAreInstalledOnThisHost) {
  auto table = LanguageTable::load(ARENA_TEST_LANGUAGES_FILE);
  ASSERT_TRUE(table);
  table->detectAvailability();
  for (const auto& language : table->languages()) {
    EXPECT_TRUE(language.available) << language.id;
  }
}

TEST(LanguageTableTest, AppliesDefaultsAndIgnoresCommentKeys) {
  auto table = LanguageTable::parse(R"({
    "_doc": "comment",
    "languages": [{"_note": "x", "id": "py", "source_file": "a.py", "run": ["/usr/bin/python3", "a.py"]}]
  })");
  ASSERT_TRUE(table) << table.error().message;
  const Language& language = table->languages().front();
  EXPECT_EQ(language.name, "py");
  EXPECT_EQ(language.compileLimits, StepLimits{});
  EXPECT_EQ(language.runProcesses, 1);
  EXPECT_EQ(language.runMemoryExtraMb, 0);
}

TEST(LanguageTableTest, ReadsCompileLimitsInTheirUnits) {
  auto table = LanguageTable::parse(R"({"languages": [{
    "id": "c", "source_file": "main.c", "compile": ["/usr/bin/gcc", "main.c"], "run": ["./a.out"],
    "compile_limits": {"cpu_ms": 1500, "wall_ms": 3000, "memory_mb": 128, "processes": 8, "output_kb": 10}
  }]})");
  ASSERT_TRUE(table) << table.error().message;
  const StepLimits& limits = table->languages().front().compileLimits;
  EXPECT_EQ(limits.cpuMs, 1500);
  EXPECT_EQ(limits.wallMs, 3000);
  EXPECT_EQ(limits.memoryKb, 128 * 1024);
  EXPECT_EQ(limits.processes, 8);
  EXPECT_EQ(limits.outputKb, 10);
}

struct BadTable {
  const char* name;
  const char* json;
  const char* messagePart;
};

class LanguageTableRejectTest : public ::testing::TestWithParam<BadTable> {};

TEST_P(LanguageTableRejectTest, RejectsWithAMessageNamingTheProblem) {
  auto table = LanguageTable::parse(GetParam().json);
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code, ErrorCode::InvalidArgument);
  EXPECT_NE(table.error().message.find(GetParam().messagePart), std::string::npos)
      << table.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LanguageTableRejectTest,
    ::testing::Values(
        BadTable{"NotJson", "{", "not valid JSON"},
        BadTable{"NotObject", "[]", "top level"},
        BadTable{"NoLanguages", R"({"languages": []})", "no language"},
        BadTable{"UnknownTopKey", R"({"langs": []})", "unknown key 'langs'"},
        BadTable{"UnknownKey",
                 R"({"languages": [{"id": "a", "source_file": "a", "run": ["x"], "comple": []}]})",
                 "unknown key 'comple'"},
        BadTable{"MissingId", R"({"languages": [{"source_file": "a", "run": ["x"]}]})",
                 "missing 'id'"},
        BadTable{"BadId", R"({"languages": [{"id": "C++ 20", "source_file": "a", "run": ["x"]}]})",
                 "id must be"},
        BadTable{"MissingRun", R"({"languages": [{"id": "a", "source_file": "a"}]})",
                 "'run' must not be empty"},
        BadTable{"RunNotStrings",
                 R"({"languages": [{"id": "a", "source_file": "a", "run": ["x", 1]}]})",
                 "array of strings"},
        BadTable{"SourceWithSlash",
                 R"({"languages": [{"id": "a", "source_file": "../a", "run": ["x"]}]})",
                 "plain file name"},
        BadTable{"DuplicateId",
                 R"({"languages": [{"id": "a", "source_file": "a", "run": ["x"]},
                                   {"id": "b", "aliases": ["a"], "source_file": "a", "run": ["x"]}]})",
                 "duplicate id or alias 'a'"},
        BadTable{"LimitNotInteger",
                 R"({"languages": [{"id": "a", "source_file": "a", "run": ["x"],
                                    "compile_limits": {"cpu_ms": "10"}}]})",
                 "'cpu_ms' must be an integer"},
        BadTable{"LimitZero",
                 R"({"languages": [{"id": "a", "source_file": "a", "run": ["x"],
                                    "compile_limits": {"memory_mb": 0}}]})",
                 "'memory_mb' out of range"},
        BadTable{"BadEnv",
                 R"({"languages": [{"id": "a", "source_file": "a", "run": ["x"], "env": ["PATH"]}]})",
                 "NAME=value"}),
    [](const auto& testInfo) { return std::string(testInfo.param.name); });

TEST(LanguageTableTest, MissingFileIsNotFound) {
  auto table = LanguageTable::load("/nonexistent/languages.json");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code, ErrorCode::NotFound);
}

TEST(LanguageTableTest, ExpandsKnownPlaceholdersOnly) {
  const auto out = expandPlaceholders({"-Xmx{memory_mb}m", "{other}", "plain", "{memory_mb}{memory_mb}", "{"},
                                      {{"memory_mb", "256"}});
  EXPECT_EQ(out, (std::vector<std::string>{"-Xmx256m", "{other}", "plain", "256256", "{"}));
}

}  // namespace
}  // namespace arena::judge
