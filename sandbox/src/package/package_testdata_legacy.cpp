// Legacy test data: any directory under data/ is a group; testdata.yaml of the closest
// ancestor applies whole; scores from the default grader flags and accept_score.

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

Result<GroupSettings> TestDataReader::readLegacyTestdata(const fs::path& file,
                                                         const std::string& groupName) {
  auto yaml = loadYamlFile(m_context, file);
  if (!yaml) return std::unexpected(yaml.error());
  YamlSource source{m_context, m_context.relative(file)};
  warnUnknownKeys(source, *yaml, "",
                  {"on_reject", "grading", "grader_flags", "input_validator_flags",
                   "output_validator_flags", "accept_score", "reject_score", "range"});
  GroupSettings settings;
  if (const YAML::Node onReject = child(*yaml, "on_reject"); isPresent(onReject)) {
    auto text = yamlString(source, onReject, "on_reject");
    if (!text) return std::unexpected(text.error());
    if (*text != "break" && *text != "continue") {
      return m_context.fail(source.file,
                            "on_reject: expected break or continue, got '" + *text + "'");
    }
    settings.continueOnReject = *text == "continue";
  }
  if (const YAML::Node grading = child(*yaml, "grading"); isPresent(grading)) {
    auto text = yamlString(source, grading, "grading");
    if (!text) return std::unexpected(text.error());
    if (*text == "custom") {
      return m_context.fail(source.file, "grading: custom graders are not supported");
    }
    if (*text != "default") {
      return m_context.fail(source.file,
                            "grading: expected default or custom, got '" + *text + "'");
    }
  }
  if (const YAML::Node flags = child(*yaml, "grader_flags"); isPresent(flags)) {
    auto text = yamlString(source, flags, "grader_flags");
    if (!text) return std::unexpected(text.error());
    // The default grader: the last of conflicting modes wins.
    for (const std::string& flag : splitWords(*text)) {
      if (flag == "sum") {
        settings.aggregation = ScoreAggregation::Sum;
      } else if (flag == "min") {
        settings.aggregation = ScoreAggregation::Min;
      } else if (flag == "worst_error" || flag == "first_error") {
        // Same result with on_reject: break; our verdict order decides otherwise.
      } else if (flag == "ignore_sample") {
        if (groupName != "data") {
          return m_context.fail(source.file, "grader_flags: ignore_sample is only valid in data/");
        }
        settings.ignoreSample = true;
      } else if (flag == "avg" || flag == "max" || flag == "always_accept" ||
                 flag == "accept_if_any_accepted") {
        return m_context.fail(source.file,
                              "grader_flags: '" + flag + "' is not supported by this judge");
      } else {
        return m_context.fail(source.file, "grader_flags: unknown flag '" + flag + "'");
      }
    }
  }
  // String: flags for every validator; map {name, flags}: flags for the named one (we run one).
  auto validatorFlags = [&](std::string_view key, std::vector<std::string>& out) -> Result<void> {
    const YAML::Node node = child(*yaml, key);
    if (!isPresent(node)) return {};
    if (node.IsMap()) {
      const YAML::Node flags = child(node, "flags");
      if (!isPresent(flags)) return {};
      auto text = yamlString(source, flags, std::string(key) + ".flags");
      if (!text) return std::unexpected(text.error());
      out = splitWords(*text);
      return {};
    }
    auto text = yamlString(source, node, key);
    if (!text) return std::unexpected(text.error());
    out = splitWords(*text);
    return {};
  };
  if (auto ok = validatorFlags("output_validator_flags", settings.outputValidatorArgs); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = validatorFlags("input_validator_flags", settings.inputValidatorArgs); !ok) {
    return std::unexpected(ok.error());
  }
  for (std::string_view key : {"accept_score", "reject_score", "range"}) {
    if (isPresent(child(*yaml, key)) && !scoring()) {
      return m_context.fail(source.file, std::string(key) + ": only valid for scoring problems");
    }
  }
  if (const YAML::Node accept = child(*yaml, "accept_score"); isPresent(accept)) {
    auto value = yamlNumber(source, accept, "accept_score");
    if (!value) return std::unexpected(value.error());
    settings.acceptScore = *value;
  }
  if (const YAML::Node reject = child(*yaml, "reject_score"); isPresent(reject)) {
    auto value = yamlNumber(source, reject, "reject_score");
    if (!value) return std::unexpected(value.error());
    if (*value != 0.0) {
      return m_context.fail(source.file, "reject_score: only 0 is supported");
    }
  }
  if (const YAML::Node range = child(*yaml, "range"); isPresent(range)) {
    auto text = yamlString(source, range, "range");
    if (!text) return std::unexpected(text.error());
    auto words = splitWords(*text);
    auto parseBound = [](const std::string& word) -> std::optional<double> {
      if (word == "inf" || word == "+inf") return std::numeric_limits<double>::infinity();
      if (word == "-inf") return -std::numeric_limits<double>::infinity();
      return parseNumber(word);
    };
    std::optional<double> low = words.size() == 2 ? parseBound(words[0]) : std::nullopt;
    std::optional<double> high = words.size() == 2 ? parseBound(words[1]) : std::nullopt;
    if (!low || !high || *low > *high) {
      return m_context.fail(source.file,
                            "range: expected two numbers 'A B' with A <= B, got '" + *text + "'");
    }
    if (std::isfinite(*high)) settings.rangeMax = *high;
  }
  return settings;
}

Result<TestGroup> TestDataReader::readLegacyGroup(const fs::path& dir, const std::string& name,
                                                  const GroupSettings& inherited, bool isSample) {
  GroupSettings settings = inherited;
  std::error_code ec;
  if (fs::exists(dir / "testdata.yaml", ec)) {
    auto parsed = readLegacyTestdata(dir / "testdata.yaml", name);
    if (!parsed) return std::unexpected(parsed.error());
    settings = *parsed;
  }
  if (fs::exists(dir / "test_group.yaml", ec)) {
    m_context.warn(name + "/test_group.yaml",
                   "is a 2025-09 file; legacy packages use testdata.yaml");
  }
  TestGroup group;
  group.name = name;
  group.aggregation = scoring() ? settings.aggregation : ScoreAggregation::PassFail;
  group.continueOnReject = settings.continueOnReject;
  if (scoring()) group.maxScore = settings.rangeMax;

  // Problem-wide validator_flags come first, then the group's.
  GroupSettings forCases = settings;
  forCases.outputValidatorArgs = m_package.validatorFlags;
  forCases.outputValidatorArgs.insert(forCases.outputValidatorArgs.end(),
                                      settings.outputValidatorArgs.begin(),
                                      settings.outputValidatorArgs.end());
  std::vector<fs::path> subdirs;
  if (auto ok = scanCases(dir, name, forCases, isSample, false, group.cases, subdirs); !ok) {
    return std::unexpected(ok.error());
  }
  if (scoring()) {
    for (TestCase& testCase : group.cases) testCase.maxScore = settings.acceptScore;
  }
  for (const fs::path& subdir : subdirs) {
    auto sub = readLegacyGroup(subdir, name + "/" + subdir.filename().string(), settings, isSample);
    if (!sub) return std::unexpected(sub.error());
    group.groups.push_back(std::move(*sub));
  }
  if (group.cases.empty() && group.groups.empty() && name != "sample") {
    m_context.warn("data/" + name + "/", "is an empty test group");
  }
  return group;
}

}  // namespace arena::judge::detail
