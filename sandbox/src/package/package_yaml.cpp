#include "package_yaml.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace arena::judge::detail {

namespace {

// Configuration files are small; a huge one is a mistake or an attack on the parser.
constexpr std::uintmax_t kMaxYamlBytes = 1024 * 1024;

std::string dotted(std::string_view prefix, std::string_view key) {
  if (prefix.empty()) return std::string(key);
  std::string out(prefix);
  out += '.';
  out += key;
  return out;
}

std::string describe(const YAML::Node& node) {
  try {
    if (node.IsScalar()) return "'" + node.Scalar() + "'";
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a map";
    if (node.IsNull()) return "nothing";
  } catch (const std::exception&) {
  }
  return "an invalid value";
}

std::unexpected<Error> typeError(const YamlSource& source, std::string_view key,
                                 std::string_view expected, const YAML::Node& node) {
  return source.context.fail(source.file, std::string(key) + ": expected " + std::string(expected) +
                                              ", got " + describe(node));
}

}  // namespace

Result<YAML::Node> loadYamlFile(PackageContext& context, const std::filesystem::path& file) {
  std::string name = context.relative(file);
  std::error_code ec;
  if (std::filesystem::file_size(file, ec) > kMaxYamlBytes && !ec) {
    return context.fail(name, "is larger than 1 MiB; not a plausible configuration file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return context.fail(name, "cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    YAML::Node node = YAML::Load(text.str());
    if (node.IsNull()) return YAML::Node(YAML::NodeType::Map);
    if (!node.IsMap()) return context.fail(name, "expected a map at the top level");
    return node;
  } catch (const YAML::Exception& e) {
    return context.fail(name, "invalid YAML at line " + std::to_string(e.mark.line + 1) +
                                  ", column " + std::to_string(e.mark.column + 1) + ": " + e.msg);
  } catch (const std::exception& e) {
    return context.fail(name, std::string("invalid YAML: ") + e.what());
  }
}

YAML::Node child(const YAML::Node& map, std::string_view key) {
  try {
    if (!map.IsDefined() || !map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node& constMap = map;
    YAML::Node value = constMap[std::string(key)];
    if (!value.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
    return value;
  } catch (const std::exception&) {
    return YAML::Node(YAML::NodeType::Undefined);
  }
}

bool isPresent(const YAML::Node& node) {
  try {
    return node.IsDefined() && !node.IsNull();
  } catch (const std::exception&) {
    return false;
  }
}

Result<std::string> yamlString(const YamlSource& source, const YAML::Node& node,
                               std::string_view key) {
  try {
    if (node.IsScalar()) return node.Scalar();
  } catch (const std::exception&) {
  }
  return typeError(source, key, "a string", node);
}

std::optional<double> parseNumber(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Result<double> yamlNumber(const YamlSource& source, const YAML::Node& node, std::string_view key) {
  try {
    if (node.IsScalar()) {
      if (auto value = parseNumber(node.Scalar())) return *value;
    }
  } catch (const std::exception&) {
  }
  return typeError(source, key, "a number", node);
}

Result<std::int64_t> yamlInteger(const YamlSource& source, const YAML::Node& node,
                                 std::string_view key) {
  try {
    if (node.IsScalar()) {
      std::string_view text = node.Scalar();
      if (!text.empty() && text.front() == '+') text.remove_prefix(1);
      std::int64_t value = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (!text.empty() && ec == std::errc() && end == text.data() + text.size()) return value;
    }
  } catch (const std::exception&) {
  }
  return typeError(source, key, "an integer", node);
}

Result<bool> yamlBool(const YamlSource& source, const YAML::Node& node, std::string_view key) {
  try {
    if (node.IsScalar()) {
      const std::string& text = node.Scalar();
      if (text == "true" || text == "True" || text == "yes") return true;
      if (text == "false" || text == "False" || text == "no") return false;
    }
  } catch (const std::exception&) {
  }
  return typeError(source, key, "true or false", node);
}

Result<std::vector<std::string>> yamlStringList(const YamlSource& source, const YAML::Node& node,
                                                std::string_view key) {
  std::vector<std::string> out;
  try {
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
      return out;
    }
    if (node.IsSequence()) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        const YAML::Node item = node[i];
        if (!item.IsScalar()) {
          return typeError(source, std::string(key) + "[" + std::to_string(i) + "]", "a string",
                           item);
        }
        out.push_back(item.Scalar());
      }
      return out;
    }
  } catch (const std::exception&) {
  }
  return typeError(source, key, "a string or a list of strings", node);
}

Result<void> requireMap(const YamlSource& source, const YAML::Node& node, std::string_view key) {
  try {
    if (!isPresent(node) || node.IsMap()) return {};
  } catch (const std::exception&) {
  }
  return typeError(source, key, "a map", node);
}

void warnUnknownKeys(const YamlSource& source, const YAML::Node& map, std::string_view prefix,
                     std::initializer_list<std::string_view> known) {
  try {
    if (!map.IsDefined() || !map.IsMap()) return;
    for (auto it = map.begin(); it != map.end(); ++it) {
      std::string name = it->first.IsScalar() ? it->first.Scalar() : std::string("?");
      bool isKnown = false;
      for (std::string_view candidate : known) isKnown = isKnown || candidate == name;
      if (!isKnown)
        source.context.warn(source.file, "unknown key '" + dotted(prefix, name) + "' ignored");
    }
  } catch (const std::exception&) {
  }
}

std::vector<std::string> splitWords(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

}  // namespace arena::judge::detail
