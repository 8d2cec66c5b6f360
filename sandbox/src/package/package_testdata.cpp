// data/: the test group tree.
//
// Theory of operation: a test case is declared by its `.in` file and must have a `.ans` beside
// it; the other files with the same base name (.interaction, .files/, .yaml, .hint, .desc,
// images, .in.statement, ...) decorate it. Directories are groups. The two dialects differ in
// what a directory means and how settings are inherited:
//   legacy   any directory under data/ is a group, to any depth; a group without testdata.yaml
//            uses the closest ancestor's file whole (not key by key); scores come from the
//            default grader's flags (sum/min) and accept_score.
//   2025-09  only the directories directly under data/secret are groups, each with an optional
//            test_group.yaml; deeper directories just hold more of the group's cases. secret
//            holds cases or groups, never both. Scores come from max_score and
//            score_aggregation, with the spec's defaults per level.
// Judging order is lexicographic on names, cases and groups interleaved.

#include "package_testdata.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include "package_yaml.hpp"

namespace arena::judge::detail {

namespace fs = std::filesystem;

namespace {

bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

Result<void> TestDataReader::read() {
  std::error_code ec;
  if (!fs::is_directory(dataDir(), ec)) return m_context.fail("data/", "is missing");
  if (!fs::is_directory(dataDir() / "secret", ec)) {
    return m_context.fail("data/secret/", "is missing (every package needs secret test data)");
  }
  TestGroup root;
  root.name = "data";
  root.aggregation = scoring() ? ScoreAggregation::Sum : ScoreAggregation::PassFail;
  if (modern()) {
    for (const char* part : {"sample", "secret"}) {
      if (!fs::is_directory(dataDir() / part, ec)) continue;
      auto group = readModernTop(dataDir() / part, part);
      if (!group) return std::unexpected(group.error());
      root.groups.push_back(std::move(*group));
    }
    if (fs::exists(dataDir() / "testdata.yaml", ec) ||
        fs::exists(dataDir() / "test_group.yaml", ec)) {
      m_context.warn("data/", "settings directly in data/ are not part of 2025-09 and are ignored");
    }
  } else {
    GroupSettings settings;
    if (fs::exists(dataDir() / "testdata.yaml", ec)) {
      auto parsed = readLegacyTestdata(dataDir() / "testdata.yaml", "data");
      if (!parsed) return std::unexpected(parsed.error());
      settings = *parsed;
    }
    root.ignoreSample = settings.ignoreSample;
    root.continueOnReject = settings.continueOnReject;
    if (scoring()) root.aggregation = settings.aggregation;
    for (const char* part : {"sample", "secret"}) {
      if (!fs::is_directory(dataDir() / part, ec)) continue;
      auto group = readLegacyGroup(dataDir() / part, part, settings, part == std::string("sample"));
      if (!group) return std::unexpected(group.error());
      root.groups.push_back(std::move(*group));
    }
  }
  auto entries = listDirectory(m_context, dataDir());
  if (!entries) return std::unexpected(entries.error());
  for (const fs::directory_entry& entry : *entries) {
    const std::string name = entry.path().filename().string();
    if (name == "sample" || name == "secret" || name == "testdata.yaml") continue;
    if (modern() && (name == "invalid_input" || name == "invalid_output" ||
                     name == "valid_output" || name == "test_group.yaml")) {
      continue;  // validation-only data, not judged
    }
    m_context.warn("data/" + name, "is not sample or secret test data and is ignored");
  }
  buildOrder(root);
  const TestGroup* secret = root.findGroup("secret");
  if (secret == nullptr || secret->allCases().empty()) {
    return m_context.fail("data/secret/", "has no test cases");
  }
  m_package.data = std::move(root);
  return {};
}

// ---- shared -------------------------------------------------------------------------------

Result<void> TestDataReader::readCaseYaml(const fs::path& file, TestCase& testCase) {
  auto yaml = loadYamlFile(m_context, file);
  if (!yaml) return std::unexpected(yaml.error());
  YamlSource source{m_context, m_context.relative(file)};
  warnUnknownKeys(source, *yaml, "",
                  {"args", "input_validator_args", "output_validator_args", "input_visualizer_args",
                   "output_visualizer_args", "full_feedback", "hint", "description"});
  auto list = [&](std::string_view key, std::vector<std::string>& out) -> Result<void> {
    const YAML::Node node = child(*yaml, key);
    if (!isPresent(node)) return {};
    if (!node.IsSequence()) {
      return m_context.fail(source.file, std::string(key) + ": expected a list of strings");
    }
    auto parsed = yamlStringList(source, node, key);
    if (!parsed) return std::unexpected(parsed.error());
    out = *parsed;
    return {};
  };
  if (auto ok = list("args", testCase.args); !ok) return ok;
  if (auto ok = list("output_validator_args", testCase.outputValidatorArgs); !ok) return ok;
  if (const YAML::Node node = child(*yaml, "input_validator_args");
      isPresent(node) && !node.IsMap()) {
    if (auto ok = list("input_validator_args", testCase.inputValidatorArgs); !ok) return ok;
  }
  if (const YAML::Node node = child(*yaml, "full_feedback"); isPresent(node)) {
    auto value = yamlBool(source, node, "full_feedback");
    if (!value) return std::unexpected(value.error());
    testCase.fullFeedback = *value;
  }
  for (auto [key, target] : {std::pair<std::string_view, std::string*>{"hint", &testCase.hint},
                             {"description", &testCase.description}}) {
    const YAML::Node node = child(*yaml, key);
    if (!isPresent(node)) continue;
    auto text = yamlString(source, node, key);
    if (!text) return std::unexpected(text.error());
    *target = *text;
  }
  return {};
}

Result<void> TestDataReader::scanCases(const fs::path& dir, const std::string& name,
                                       const GroupSettings& settings, bool isSample, bool recurse,
                                       std::vector<TestCase>& cases, std::vector<fs::path>& subdirs,
                                       bool nested) {
  auto entries = listDirectory(m_context, dir);
  if (!entries) return std::unexpected(entries.error());
  std::map<std::string, fs::path> inputs;  // stem -> .in
  std::set<std::string> files;             // every file name in dir
  std::vector<fs::path> directories;
  std::error_code ec;
  for (const fs::directory_entry& entry : *entries) {
    const std::string file = entry.path().filename().string();
    if (entry.is_directory(ec)) {
      directories.push_back(entry.path());
    } else {
      files.insert(file);
      if (endsWith(file, ".in")) inputs[file.substr(0, file.size() - 3)] = entry.path();
    }
  }
  const std::string rel = "data/" + name + "/";
  for (const auto& [stem, input] : inputs) {
    if (!files.contains(stem + ".ans")) {
      return m_context.fail("", rel + stem + ".in has no matching .ans");
    }
    TestCase testCase;
    testCase.name = name + "/" + stem;
    testCase.input = input;
    testCase.answer = dir / (stem + ".ans");
    testCase.isSample = isSample;
    testCase.args = settings.args;
    testCase.outputValidatorArgs = settings.outputValidatorArgs;
    testCase.inputValidatorArgs = settings.inputValidatorArgs;
    testCase.fullFeedback = settings.fullFeedback;
    if (files.contains(stem + ".interaction")) testCase.interaction = dir / (stem + ".interaction");
    if (fs::is_directory(dir / (stem + ".files"), ec)) testCase.files = dir / (stem + ".files");
    if (modern() && files.contains(stem + ".yaml")) {
      // The case's own lists replace the group's, as the spec's "inherited" defaults do.
      if (auto ok = readCaseYaml(dir / (stem + ".yaml"), testCase); !ok) return ok;
    }
    if (!modern()) {
      // Legacy annotations: .hint and .desc text files.
      for (auto [ext, target] : {std::pair<const char*, std::string*>{".hint", &testCase.hint},
                                 {".desc", &testCase.description}}) {
        if (!files.contains(stem + ext)) continue;
        std::ifstream in(dir / (stem + ext), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        *target = text.substr(0, 4096);
      }
    }
    if (modern() && testCase.interaction &&
        (files.contains(stem + ".out") || files.contains(stem + ".in.statement") ||
         files.contains(stem + ".ans.statement"))) {
      return m_context.fail(rel + stem + ".interaction",
                            "must not be combined with .out, .in.statement or .ans.statement");
    }
    if (testCase.interaction) m_package.sampleInteractions.push_back(*testCase.interaction);
    cases.push_back(std::move(testCase));
  }
  for (const std::string& file : files) {
    if (endsWith(file, ".ans")) {
      const std::string stem = file.substr(0, file.size() - 4);
      if (!inputs.contains(stem)) return m_context.fail("", rel + file + " has no matching .in");
    }
    if (endsWith(file, ".interaction")) {
      const std::string stem = file.substr(0, file.size() - 12);
      if (!inputs.contains(stem)) {
        // Legacy: an extra sample interaction shown in the statement without a test case.
        if (isSample) {
          m_package.sampleInteractions.push_back(dir / file);
        } else {
          m_context.warn(rel + file, "has no matching .in and is ignored");
        }
      }
    }
    if (file == "test_group.yaml" && nested) {
      return m_context.fail(rel + file,
                            "test data groups cannot be nested in 2025-09 (only directories "
                            "directly under data/secret are groups)");
    }
  }
  if (m_package.type.interactive && isSample) {
    for (const auto& [stem, input] : inputs) {
      if (!files.contains(stem + ".interaction")) {
        m_context.warn(rel + stem + ".in", "interactive sample without a .interaction file");
      }
    }
  }
  for (const fs::path& subdir : directories) {
    const std::string dirName = subdir.filename().string();
    if (endsWith(dirName, ".files") && inputs.contains(dirName.substr(0, dirName.size() - 6))) {
      continue;
    }
    if (inputs.contains(dirName)) {
      return m_context.fail(rel + dirName + "/", "has the same name as a test case");
    }
    if (recurse) {
      std::vector<fs::path> nestedDirs;
      if (auto ok = scanCases(subdir, name + "/" + dirName, settings, isSample, true, cases,
                              nestedDirs, true);
          !ok) {
        return ok;
      }
    } else {
      subdirs.push_back(subdir);
    }
  }
  return {};
}

void TestDataReader::buildOrder(TestGroup& group) {
  for (TestGroup& sub : group.groups) buildOrder(sub);
  std::sort(group.groups.begin(), group.groups.end(),
            [](const TestGroup& a, const TestGroup& b) { return a.name < b.name; });
  std::sort(group.cases.begin(), group.cases.end(),
            [](const TestCase& a, const TestCase& b) { return a.name < b.name; });
  group.order.clear();
  std::size_t c = 0;
  std::size_t g = 0;
  while (c < group.cases.size() || g < group.groups.size()) {
    const bool takeGroup = c == group.cases.size() ||
                           (g < group.groups.size() && group.groups[g].name < group.cases[c].name);
    if (takeGroup) {
      group.order.push_back({true, g++});
    } else {
      group.order.push_back({false, c++});
    }
  }
}

Result<void> readTestData(PackageContext& context, ProblemPackage& package) {
  TestDataReader reader(context, package);
  return reader.read();
}

}  // namespace arena::judge::detail
