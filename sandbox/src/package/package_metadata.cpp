// problem.yaml, domjudge-problem.ini and .timelimit.
//
// Theory of operation: problem_format_version picks the dialect (absent = legacy). Both
// dialects fill the same ProblemPackage fields; where they disagree in units or names (legacy
// `time_multiplier` vs 2025-09 `time_multipliers.ac_to_time_limit`) the mapping is here and
// nowhere else. DOMjudge's files come last and override the time limit and the name, as they do
// when DOMjudge imports the zip.

#include <cmath>
#include <fstream>
#include <sstream>

#include "package_parts.hpp"
#include "package_yaml.hpp"

namespace arena::judge::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kKiBPerMiB = 1024;

std::int64_t secondsToMs(double seconds) {
  return std::max<std::int64_t>(1, std::llround(seconds * 1000.0));
}

Result<PackageFormat> formatFromVersion(PackageContext& context, const std::string& version) {
  if (version == "legacy" || version == "legacy-icpc") return PackageFormat::Legacy;
  if (version == "2025-09") return PackageFormat::Kattis2025;
  return context.fail("problem.yaml",
                      "problem_format_version: unsupported version '" + version +
                          "' (this reader supports legacy, legacy-icpc and 2025-09)");
}

// name: a string (English) or a map language -> name.
Result<void> readNames(const YamlSource& source, const YAML::Node& node, ProblemPackage& package) {
  if (!isPresent(node)) return {};
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      auto language = yamlString(source, it->first, "name");
      if (!language) return std::unexpected(language.error());
      auto value = yamlString(source, it->second, "name." + *language);
      if (!value) return std::unexpected(value.error());
      package.names[*language] = *value;
    }
    if (package.names.empty()) return source.context.fail(source.file, "name: is an empty map");
    return {};
  }
  auto value = yamlString(source, node, "name");
  if (!value) return std::unexpected(value.error());
  package.names["en"] = *value;
  return {};
}

Result<void> readType(const YamlSource& source, const YAML::Node& node, ProblemPackage& package) {
  if (!isPresent(node)) return {};
  auto values = yamlStringList(source, node, "type");
  if (!values) return std::unexpected(values.error());
  if (values->empty()) return source.context.fail(source.file, "type: must not be empty");
  bool passFail = false;
  std::set<std::string> seen;
  for (const std::string& value : *values) {
    if (!seen.insert(value).second) {
      return source.context.fail(source.file, "type: '" + value + "' is listed twice");
    }
    if (value == "pass-fail") {
      passFail = true;
    } else if (value == "scoring") {
      package.type.scoring = true;
    } else if (value == "interactive") {
      if (package.format == PackageFormat::Legacy) {
        return source.context.fail(source.file,
                                   "type: 'interactive' is a 2025-09 type; legacy packages say "
                                   "'validation: custom interactive'");
      }
      package.type.interactive = true;
    } else if (value == "multi-pass" || value == "submit-answer") {
      return source.context.fail(source.file,
                                 "type: '" + value + "' problems are not supported by this judge");
    } else {
      return source.context.fail(source.file,
                                 "type: unknown type '" + value +
                                     "' (expected pass-fail, scoring, interactive, multi-pass or "
                                     "submit-answer)");
    }
  }
  if (passFail && package.type.scoring) {
    return source.context.fail(source.file, "type: 'pass-fail' and 'scoring' exclude each other");
  }
  return {};
}

// A positive number (with an optional lower bound) into `out`.
Result<void> positiveNumber(const YamlSource& source, const YAML::Node& node, std::string_view key,
                            double minimum, bool inclusive, double& out) {
  if (!isPresent(node)) return {};
  auto value = yamlNumber(source, node, key);
  if (!value) return std::unexpected(value.error());
  if (!std::isfinite(*value) || (inclusive ? *value < minimum : *value <= minimum)) {
    return source.context.fail(source.file, std::string(key) + ": must be " +
                                                (inclusive ? ">= " : "> ") +
                                                std::to_string(minimum).substr(0, 3));
  }
  out = *value;
  return {};
}

// A positive integer in `unitFactor`s into `out`.
Result<void> positiveInteger(const YamlSource& source, const YAML::Node& node, std::string_view key,
                             std::int64_t unitFactor, std::optional<std::int64_t>& out) {
  if (!isPresent(node)) return {};
  auto value = yamlInteger(source, node, key);
  if (!value) return std::unexpected(value.error());
  if (*value <= 0) return source.context.fail(source.file, std::string(key) + ": must be > 0");
  if (*value > std::numeric_limits<std::int64_t>::max() / unitFactor) {
    return source.context.fail(source.file, std::string(key) + ": is too large");
  }
  out = *value * unitFactor;
  return {};
}

Result<void> readLimits(const YamlSource& source, const YAML::Node& limits,
                        ProblemPackage& package) {
  if (!isPresent(limits)) return {};
  if (auto ok = requireMap(source, limits, "limits"); !ok) return ok;
  Limits& out = package.limits;
  const bool legacy = package.format == PackageFormat::Legacy;
  if (legacy) {
    warnUnknownKeys(source, limits, "limits",
                    {"time_multiplier", "time_safety_margin", "time_limit", "memory", "output",
                     "code", "compilation_time", "compilation_memory", "validation_time",
                     "validation_memory", "validation_output"});
    // Legacy: limit = slowest AC * time_multiplier; too-slow submissions must exceed
    // limit * time_safety_margin. The same two roles as the 2025-09 multipliers.
    out.multipliers = TimeMultipliers{5.0, 2.0, 1.0};
    if (auto ok = positiveNumber(source, child(limits, "time_multiplier"), "limits.time_multiplier",
                                 0.0, false, out.multipliers.acToTimeLimit);
        !ok) {
      return ok;
    }
    if (auto ok =
            positiveNumber(source, child(limits, "time_safety_margin"), "limits.time_safety_margin",
                           0.0, false, out.multipliers.timeLimitToTle);
        !ok) {
      return ok;
    }
  } else {
    warnUnknownKeys(source, limits, "limits",
                    {"time_multipliers", "time_limit", "time_resolution", "memory", "output",
                     "code", "compilation_time", "compilation_memory", "validation_time",
                     "validation_memory", "validation_output", "validation_passes"});
    for (std::string_view legacyKey : {"time_multiplier", "time_safety_margin"}) {
      if (isPresent(child(limits, legacyKey))) {
        return source.context.fail(source.file, "limits." + std::string(legacyKey) +
                                                    ": is a legacy key; 2025-09 uses "
                                                    "limits.time_multipliers");
      }
    }
    const YAML::Node multipliers = child(limits, "time_multipliers");
    if (auto ok = requireMap(source, multipliers, "limits.time_multipliers"); !ok) return ok;
    warnUnknownKeys(source, multipliers, "limits.time_multipliers",
                    {"ac_to_time_limit", "time_limit_to_tle"});
    if (auto ok = positiveNumber(source, child(multipliers, "ac_to_time_limit"),
                                 "limits.time_multipliers.ac_to_time_limit", 1.0, true,
                                 out.multipliers.acToTimeLimit);
        !ok) {
      return ok;
    }
    if (auto ok = positiveNumber(source, child(multipliers, "time_limit_to_tle"),
                                 "limits.time_multipliers.time_limit_to_tle", 1.0, true,
                                 out.multipliers.timeLimitToTle);
        !ok) {
      return ok;
    }
    if (auto ok = positiveNumber(source, child(limits, "time_resolution"), "limits.time_resolution",
                                 0.0, false, out.multipliers.timeResolutionS);
        !ok) {
      return ok;
    }
    if (isPresent(child(limits, "validation_passes"))) {
      source.context.warn(source.file,
                          "limits.validation_passes: only used by multi-pass problems");
    }
  }
  // An explicit time limit: 2025-09; accepted in legacy files too, where some tools write it.
  double timeLimitS = 0;
  if (auto ok = positiveNumber(source, child(limits, "time_limit"), "limits.time_limit", 0.0, false,
                               timeLimitS);
      !ok) {
    return ok;
  }
  if (timeLimitS > 0) out.timeLimitMs = secondsToMs(timeLimitS);

  struct IntegerLimit {
    std::string_view key;
    std::int64_t factor;
    std::optional<std::int64_t>& target;
  };
  const IntegerLimit integers[] = {
      {"memory", kKiBPerMiB, out.memoryKb},
      {"output", kKiBPerMiB, out.outputKb},
      {"code", 1, out.codeKb},
      {"compilation_time", 1000, out.compilationTimeMs},
      {"compilation_memory", kKiBPerMiB, out.compilationMemoryKb},
      {"validation_time", 1000, out.validationTimeMs},
      {"validation_memory", kKiBPerMiB, out.validationMemoryKb},
      {"validation_output", kKiBPerMiB, out.validationOutputKb},
  };
  for (const IntegerLimit& limit : integers) {
    if (auto ok = positiveInteger(source, child(limits, limit.key),
                                  "limits." + std::string(limit.key), limit.factor, limit.target);
        !ok) {
      return ok;
    }
  }
  return {};
}

// Legacy `validation`: "default" or "custom" followed by "interactive" and/or "score".
Result<void> readLegacyValidation(const YamlSource& source, const YAML::Node& root,
                                  ProblemPackage& package, MetadataInfo& info) {
  const YAML::Node validation = child(root, "validation");
  if (isPresent(validation)) {
    auto text = yamlString(source, validation, "validation");
    if (!text) return std::unexpected(text.error());
    std::vector<std::string> words = splitWords(*text);
    if (words.empty() || (words[0] != "default" && words[0] != "custom")) {
      return source.context.fail(
          source.file, "validation: must start with 'default' or 'custom', got '" + *text + "'");
    }
    info.customValidation = words[0] == "custom";
    for (std::size_t i = 1; i < words.size(); ++i) {
      if (!info.customValidation) {
        return source.context.fail(source.file,
                                   "validation: '" + words[i] + "' needs 'custom' validation");
      }
      if (words[i] == "interactive") {
        package.type.interactive = true;
      } else if (words[i] == "score") {
        if (!package.type.scoring) {
          return source.context.fail(source.file,
                                     "validation: 'score' is only valid for scoring problems");
        }
      } else {
        return source.context.fail(source.file, "validation: unknown option '" + words[i] +
                                                    "' (expected interactive or score)");
      }
    }
  }
  const YAML::Node flags = child(root, "validator_flags");
  if (isPresent(flags)) {
    auto text = yamlString(source, flags, "validator_flags");
    if (!text) return std::unexpected(text.error());
    package.validatorFlags = splitWords(*text);
  }
  const YAML::Node grading = child(root, "grading");
  if (isPresent(grading)) {
    if (auto ok = requireMap(source, grading, "grading"); !ok) return ok;
    if (!package.type.scoring) {
      return source.context.fail(source.file, "grading: only valid for scoring problems");
    }
    warnUnknownKeys(source, grading, "grading", {"objective", "show_test_data_groups"});
    const YAML::Node objective = child(grading, "objective");
    if (isPresent(objective)) {
      auto text = yamlString(source, objective, "grading.objective");
      if (!text) return std::unexpected(text.error());
      if (*text == "min") {
        return source.context.fail(source.file,
                                   "grading.objective: 'min' (minimised scores) is not supported");
      }
      if (*text != "max") {
        return source.context.fail(
            source.file, "grading.objective: expected 'max' or 'min', got '" + *text + "'");
      }
    }
  }
  return {};
}

Result<MetadataInfo> readProblemYaml(PackageContext& context, ProblemPackage& package) {
  MetadataInfo info;
  const fs::path file = context.root() / "problem.yaml";
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    package.formatVersion = "legacy";
    package.format = PackageFormat::Legacy;
    return info;
  }
  info.hasProblemYaml = true;
  auto root = loadYamlFile(context, file);
  if (!root) return std::unexpected(root.error());
  YamlSource source{context, "problem.yaml"};

  package.formatVersion = "legacy";
  if (const YAML::Node version = child(*root, "problem_format_version"); isPresent(version)) {
    auto text = yamlString(source, version, "problem_format_version");
    if (!text) return std::unexpected(text.error());
    package.formatVersion = *text;
  }
  auto format = formatFromVersion(context, package.formatVersion);
  if (!format) return std::unexpected(format.error());
  package.format = *format;
  const bool legacy = package.format == PackageFormat::Legacy;

  if (legacy) {
    warnUnknownKeys(source, *root, "",
                    {"problem_format_version", "type", "name", "uuid", "author", "source",
                     "source_url", "license", "rights_owner", "limits", "validation",
                     "validator_flags", "grading", "keywords"});
  } else {
    warnUnknownKeys(source, *root, "",
                    {"problem_format_version", "type", "name", "uuid", "version", "credits",
                     "source", "license", "rights_owner", "embargo_until", "limits", "keywords",
                     "languages", "allow_file_writing", "constants"});
    for (std::string_view legacyKey : {"validation", "validator_flags", "grading"}) {
      if (isPresent(child(*root, legacyKey))) {
        return context.fail("problem.yaml", std::string(legacyKey) +
                                                ": is a legacy key; 2025-09 uses `type` and "
                                                "output_validator_args in test_group.yaml");
      }
    }
  }

  if (auto ok = readType(source, child(*root, "type"), package); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = readNames(source, child(*root, "name"), package); !ok) {
    return std::unexpected(ok.error());
  }
  if (!legacy && package.names.empty()) return context.fail("problem.yaml", "name: is required");
  if (const YAML::Node uuid = child(*root, "uuid"); isPresent(uuid)) {
    auto text = yamlString(source, uuid, "uuid");
    if (!text) return std::unexpected(text.error());
    package.uuid = *text;
  } else if (!legacy) {
    context.warn("problem.yaml", "uuid: is required by 2025-09 and missing");
  }
  package.license = "unknown";
  if (const YAML::Node license = child(*root, "license"); isPresent(license)) {
    auto text = yamlString(source, license, "license");
    if (!text) return std::unexpected(text.error());
    package.license = *text;
  }
  if (const YAML::Node keywords = child(*root, "keywords"); isPresent(keywords)) {
    auto list = yamlStringList(source, keywords, "keywords");
    if (!list) return std::unexpected(list.error());
    for (const std::string& item : *list) {
      for (std::string& word : legacy ? splitWords(item) : std::vector<std::string>{item}) {
        package.keywords.push_back(std::move(word));
      }
    }
  }
  if (auto ok = readLimits(source, child(*root, "limits"), package); !ok) {
    return std::unexpected(ok.error());
  }
  if (legacy) {
    if (auto ok = readLegacyValidation(source, *root, package, info); !ok) {
      return std::unexpected(ok.error());
    }
  }
  return info;
}

Result<std::string> readSmallTextFile(const PackageContext& context, const fs::path& file) {
  std::error_code ec;
  if (fs::file_size(file, ec) > 64 * 1024 && !ec) {
    return context.fail(context.relative(file), "is too large");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return context.fail(context.relative(file), "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Applies a time limit from a DOMjudge file, telling when it overrides another one.
void setTimeLimit(PackageContext& context, ProblemPackage& package, const std::string& where,
                  std::int64_t ms) {
  if (package.limits.timeLimitMs && *package.limits.timeLimitMs != ms) {
    context.warn(where, "time limit " + std::to_string(ms) + " ms overrides " +
                            std::to_string(*package.limits.timeLimitMs) + " ms set earlier");
  }
  package.limits.timeLimitMs = ms;
}

Result<std::optional<bool>> iniBool(const PackageContext& context, const std::string& key,
                                    const std::string& value) {
  if (value == "1" || value == "true" || value == "yes" || value == "on") return true;
  if (value == "0" || value == "false" || value == "no" || value == "off" || value.empty()) {
    return false;
  }
  return context.fail("domjudge-problem.ini", key + ": expected 0 or 1, got '" + value + "'");
}

Result<void> readDomjudgeFiles(PackageContext& context, ProblemPackage& package) {
  std::error_code ec;
  const fs::path timelimitFile = context.root() / ".timelimit";
  if (fs::is_regular_file(timelimitFile, ec)) {
    auto text = readSmallTextFile(context, timelimitFile);
    if (!text) return std::unexpected(text.error());
    auto words = splitWords(*text);
    auto seconds = words.size() == 1 ? parseNumber(words[0]) : std::nullopt;
    if (!seconds || !std::isfinite(*seconds) || *seconds <= 0) {
      return context.fail(".timelimit", "expected a positive number of seconds, got '" +
                                            (words.empty() ? std::string() : words[0]) + "'");
    }
    setTimeLimit(context, package, ".timelimit", secondsToMs(*seconds));
  }

  const fs::path iniFile = context.root() / "domjudge-problem.ini";
  if (!fs::is_regular_file(iniFile, ec)) return {};
  auto pairs = parseDomjudgeIni(context, iniFile);
  if (!pairs) return std::unexpected(pairs.error());
  DomjudgeMetadata meta;
  for (const auto& [key, value] : *pairs) {
    if (key == "timelimit") {
      auto seconds = parseNumber(value);
      if (!seconds || !std::isfinite(*seconds) || *seconds <= 0) {
        return context.fail(
            "domjudge-problem.ini",
            "timelimit: expected a positive number of seconds, got '" + value + "'");
      }
      setTimeLimit(context, package, "domjudge-problem.ini", secondsToMs(*seconds));
    } else if (key == "name") {
      // The ini name is what DOMjudge shows; it wins over problem.yaml as it does there.
      if (!value.empty()) {
        if (package.names.empty()) package.names[""] = value;
        package.name = value;
      }
    } else if (key == "points") {
      auto points = parseNumber(value);
      if (!points || *points < 0) {
        return context.fail("domjudge-problem.ini",
                            "points: expected a non-negative number, got '" + value + "'");
      }
      meta.points = *points;
    } else if (key == "color") {
      meta.color = value;
    } else if (key == "special_compare") {
      if (!value.empty()) meta.specialCompare = value;
    } else if (key == "special_run") {
      if (!value.empty()) meta.specialRun = value;
    } else if (key == "allow_submit" || key == "allow_judge") {
      auto flag = iniBool(context, key, value);
      if (!flag) return std::unexpected(flag.error());
      (key == "allow_submit" ? meta.allowSubmit : meta.allowJudge) = **flag;
    } else if (key == "externalid" || key == "probid" || key == "short-name") {
      meta.externalId = value;
    } else {
      context.warn("domjudge-problem.ini", "unknown key '" + key + "' ignored");
    }
  }
  package.domjudge = std::move(meta);
  return {};
}

}  // namespace

Result<MetadataInfo> readMetadata(PackageContext& context, ProblemPackage& package) {
  auto info = readProblemYaml(context, package);
  if (!info) return info;
  if (auto ok = readDomjudgeFiles(context, package); !ok) return std::unexpected(ok.error());
  std::error_code ec;
  if (!info->hasProblemYaml && !fs::exists(context.root() / "domjudge-problem.ini", ec)) {
    return context.fail("",
                        "not a problem package: neither problem.yaml nor "
                        "domjudge-problem.ini found in " +
                            context.root().string());
  }
  return info;
}

}  // namespace arena::judge::detail
