// 2025-09 test data: groups only directly under data/secret, test_group.yaml per group,
// max_score/score_aggregation with the defaults of each level.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include "package_testdata.hpp"
#include "package_yaml.hpp"

namespace arena::judge::detail {

namespace fs = std::filesystem;

Result<GroupSettings> TestDataReader::readTestGroupYaml(const fs::path& dir,
                                                        const std::string& groupName,
                                                        GroupSettings settings, TestGroup& group) {
  std::error_code ec;
  const fs::path file = dir / "test_group.yaml";
  if (fs::exists(dir / "testdata.yaml", ec)) {
    return m_context.fail("data/" + groupName + "/testdata.yaml",
                          "is a legacy file; 2025-09 uses test_group.yaml");
  }
  if (!fs::exists(file, ec)) return settings;
  auto yaml = loadYamlFile(m_context, file);
  if (!yaml) return std::unexpected(yaml.error());
  YamlSource source{m_context, m_context.relative(file)};
  warnUnknownKeys(source, *yaml, "",
                  {"max_score", "score_aggregation", "static_validation_score", "require_pass",
                   "args", "input_validator_args", "static_validator_args", "output_validator_args",
                   "input_visualizer_args", "output_visualizer_args", "full_feedback"});
  const bool isSampleGroup = groupName == "sample";
  for (std::string_view key : {"max_score", "score_aggregation", "require_pass"}) {
    if (!isPresent(child(*yaml, key))) continue;
    if (isSampleGroup) {
      return m_context.fail(source.file, std::string(key) + ": is not permitted in sample");
    }
    if (!scoring()) {
      return m_context.fail(source.file, std::string(key) + ": is only valid for scoring problems");
    }
  }
  if (isPresent(child(*yaml, "static_validation_score")) ||
      isPresent(child(*yaml, "static_validator_args"))) {
    return m_context.fail(source.file, "static validation is not supported by this judge");
  }
  if (const YAML::Node node = child(*yaml, "max_score"); isPresent(node)) {
    auto text = yamlString(source, node, "max_score");
    if (!text) return std::unexpected(text.error());
    if (*text == "unbounded") {
      group.maxScore.reset();
    } else {
      auto value = yamlInteger(source, node, "max_score");
      if (!value) return std::unexpected(value.error());
      if (*value < 0) return m_context.fail(source.file, "max_score: must be >= 0 or unbounded");
      group.maxScore = static_cast<double>(*value);
    }
  }
  if (const YAML::Node node = child(*yaml, "score_aggregation"); isPresent(node)) {
    auto text = yamlString(source, node, "score_aggregation");
    if (!text) return std::unexpected(text.error());
    if (*text == "pass-fail") {
      group.aggregation = ScoreAggregation::PassFail;
    } else if (*text == "sum") {
      group.aggregation = ScoreAggregation::Sum;
    } else if (*text == "min") {
      group.aggregation = ScoreAggregation::Min;
    } else {
      return m_context.fail(
          source.file, "score_aggregation: expected pass-fail, sum or min, got '" + *text + "'");
    }
  }
  if (const YAML::Node node = child(*yaml, "require_pass"); isPresent(node)) {
    auto list = yamlStringList(source, node, "require_pass");
    if (!list) return std::unexpected(list.error());
    group.requirePass = *list;
  }
  auto stringList = [&](std::string_view key, std::vector<std::string>& out) -> Result<void> {
    const YAML::Node node = child(*yaml, key);
    if (!isPresent(node)) return {};
    if (!node.IsSequence()) {
      return m_context.fail(source.file, std::string(key) + ": expected a list of strings");
    }
    auto list = yamlStringList(source, node, key);
    if (!list) return std::unexpected(list.error());
    out = *list;
    return {};
  };
  if (auto ok = stringList("args", settings.args); !ok) return std::unexpected(ok.error());
  if (auto ok = stringList("output_validator_args", settings.outputValidatorArgs); !ok) {
    return std::unexpected(ok.error());
  }
  if (const YAML::Node node = child(*yaml, "input_validator_args"); isPresent(node)) {
    if (node.IsMap()) {
      m_context.warn(source.file, "input_validator_args: per-validator arguments are not kept");
    } else if (auto ok = stringList("input_validator_args", settings.inputValidatorArgs); !ok) {
      return std::unexpected(ok.error());
    }
  }
  if (const YAML::Node node = child(*yaml, "full_feedback"); isPresent(node)) {
    auto value = yamlBool(source, node, "full_feedback");
    if (!value) return std::unexpected(value.error());
    settings.fullFeedback = *value;
  }
  return settings;
}

// data/sample or data/secret.
Result<TestGroup> TestDataReader::readModernTop(const fs::path& dir, const std::string& name) {
  const bool isSample = name == "sample";
  TestGroup group;
  group.name = name;
  group.aggregation = scoring() && !isSample ? ScoreAggregation::Sum : ScoreAggregation::PassFail;
  if (scoring() && !isSample) group.maxScore = 100.0;
  GroupSettings defaults;
  defaults.fullFeedback = isSample;
  auto settings = readTestGroupYaml(dir, name, defaults, group);
  if (!settings) return std::unexpected(settings.error());

  std::vector<fs::path> subdirs;
  if (auto ok = scanCases(dir, name, *settings, isSample, false, group.cases, subdirs); !ok) {
    return std::unexpected(ok.error());
  }
  if (isSample && !subdirs.empty()) {
    return m_context.fail(m_context.relative(subdirs.front()),
                          "data/sample must not contain test data groups");
  }
  if (!group.cases.empty() && !subdirs.empty()) {
    return m_context.fail("data/secret/", "holds both test cases and test data groups (" +
                                              subdirs.front().filename().string() +
                                              "/); use one or the other");
  }
  for (const fs::path& subdir : subdirs) {
    auto sub = readModernGroup(subdir, name + "/" + subdir.filename().string(), *settings);
    if (!sub) return std::unexpected(sub.error());
    if (scoring() && group.aggregation == ScoreAggregation::PassFail &&
        sub->aggregation != ScoreAggregation::PassFail) {
      return m_context.fail("data/" + sub->name + "/test_group.yaml",
                            "secret has pass-fail aggregation, so its groups must too");
    }
    group.groups.push_back(std::move(*sub));
  }
  if (!isSample) assignModernScores(group);
  return group;
}

Result<TestGroup> TestDataReader::readModernGroup(const fs::path& dir, const std::string& name,
                                                  const GroupSettings& inherited) {
  TestGroup group;
  group.name = name;
  group.aggregation = ScoreAggregation::PassFail;
  auto settings = readTestGroupYaml(dir, name, inherited, group);
  if (!settings) return std::unexpected(settings.error());
  std::vector<fs::path> subdirs;
  if (auto ok = scanCases(dir, name, *settings, false, true, group.cases, subdirs); !ok) {
    return std::unexpected(ok.error());
  }
  std::sort(group.cases.begin(), group.cases.end(),
            [](const TestCase& a, const TestCase& b) { return a.name < b.name; });
  if (group.cases.empty()) {
    return m_context.fail("data/" + name + "/", "test data group has no test cases");
  }
  return group;
}

// Scores of secret's cases and groups per the 2025-09 rules ("Scoring problems").
void TestDataReader::assignModernScores(TestGroup& secret) {
  if (!scoring()) {
    secret.maxScore.reset();
    return;
  }
  auto caseScores = [](TestGroup& group) {
    if (!group.maxScore || group.aggregation == ScoreAggregation::PassFail) return;
    const double each = group.aggregation == ScoreAggregation::Sum && !group.cases.empty()
                            ? *group.maxScore / static_cast<double>(group.cases.size())
                            : *group.maxScore;
    for (TestCase& testCase : group.cases) testCase.maxScore = each;
  };
  caseScores(secret);
  double childTotal = 0;
  for (TestGroup& group : secret.groups) {
    if (!group.maxScore && secret.maxScore) {
      m_context.warn("data/" + group.name + "/",
                     "has no max_score while secret is bounded; every group of a bounded secret "
                     "needs one");
    }
    if (!group.maxScore && group.aggregation == ScoreAggregation::PassFail) {
      m_context.warn("data/" + group.name + "/", "pass-fail aggregation needs a bounded max_score");
    }
    caseScores(group);
    childTotal += group.maxScore.value_or(0);
  }
  if (secret.maxScore && !secret.groups.empty() && childTotal > *secret.maxScore + 1e-9) {
    m_context.warn("data/secret/", "the groups' max_score add up to more than secret's max_score");
  }
  for (const TestGroup& group : secret.groups) {
    for (const std::string& required : group.requirePass) {
      if (required == "sample") continue;
      const TestGroup* target = nullptr;
      for (const TestGroup& other : secret.groups) {
        if (other.name == required) target = &other;
      }
      if (target == nullptr) {
        m_context.warn("data/" + group.name + "/test_group.yaml",
                       "require_pass: no group '" + required + "'");
      } else if (!(target->name < group.name)) {
        m_context.warn("data/" + group.name + "/test_group.yaml",
                       "require_pass: '" + required + "' must come before this group");
      }
    }
  }
}

}  // namespace arena::judge::detail
