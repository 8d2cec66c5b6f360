#pragma once
// Typed access to YAML nodes with messages that name the file and the dotted key
// (`two-sum: problem.yaml: limits.memory: expected an integer, got 'lots'`). yaml-cpp throws;
// every function here catches and returns a Result, so no exception leaves the reader.

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "package_context.hpp"

namespace arena::judge::detail {

// Where a node came from, for messages.
struct YamlSource {
  PackageContext& context;
  std::string file;  // package-relative file name
};

// Parses a YAML file. An empty file is an empty map; a syntax error names line and column.
Result<YAML::Node> loadYamlFile(PackageContext& context, const std::filesystem::path& file);

// The child `key` of a map, or an undefined node. Never throws.
YAML::Node child(const YAML::Node& map, std::string_view key);
bool isPresent(const YAML::Node& node);

Result<std::string> yamlString(const YamlSource& source, const YAML::Node& node,
                               std::string_view key);
Result<double> yamlNumber(const YamlSource& source, const YAML::Node& node, std::string_view key);
Result<std::int64_t> yamlInteger(const YamlSource& source, const YAML::Node& node,
                                 std::string_view key);
Result<bool> yamlBool(const YamlSource& source, const YAML::Node& node, std::string_view key);
// A single string or a sequence of strings.
Result<std::vector<std::string>> yamlStringList(const YamlSource& source, const YAML::Node& node,
                                                std::string_view key);
// `node` must be a map (an absent node counts as an empty map).
Result<void> requireMap(const YamlSource& source, const YAML::Node& node, std::string_view key);
// Warns about keys of a map that are not in `known` (the spec says unknown keys are errors;
// real archives carry tool-specific keys, so they are warnings, errors under strict).
void warnUnknownKeys(const YamlSource& source, const YAML::Node& map, std::string_view prefix,
                     std::initializer_list<std::string_view> known);

// Splits on whitespace ("a b  c" -> {"a", "b", "c"}).
std::vector<std::string> splitWords(std::string_view text);

// Parses a number the way the spec writes them (decimal, optional exponent, optional sign).
std::optional<double> parseNumber(std::string_view text);

}  // namespace arena::judge::detail
