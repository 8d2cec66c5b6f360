#include "arena/judge/language.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#ifndef ARENA_LANGUAGES_INSTALLED_PATH
#define ARENA_LANGUAGES_INSTALLED_PATH "/etc/codearena/languages.json"
#endif
#ifndef ARENA_LANGUAGES_SOURCE_PATH
#define ARENA_LANGUAGES_SOURCE_PATH ""
#endif

namespace arena::judge {

namespace {

using nlohmann::json;

constexpr std::int64_t kMaxLimit = std::int64_t{1} << 40;

std::unexpected<Error> invalid(const std::string& where, const std::string& what) {
  return fail(ErrorCode::InvalidArgument, "language table: " + where + ": " + what);
}

bool isComment(const std::string& key) { return !key.empty() && key.front() == '_'; }

Result<void> rejectUnknownKeys(const json& object, const std::set<std::string>& known,
                               const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    if (!isComment(key) && !known.contains(key)) {
      return invalid(where, "unknown key '" + key + "'");
    }
  }
  return {};
}

Result<std::string> readString(const json& object, const char* key, const std::string& where,
                               bool required) {
  if (!object.contains(key)) {
    if (required) return invalid(where, std::string("missing '") + key + "'");
    return std::string{};
  }
  const json& value = object.at(key);
  if (!value.is_string()) return invalid(where, std::string("'") + key + "' must be a string");
  return value.get<std::string>();
}

Result<std::vector<std::string>> readStrings(const json& object, const char* key,
                                             const std::string& where) {
  std::vector<std::string> out;
  if (!object.contains(key)) return out;
  const json& value = object.at(key);
  if (!value.is_array()) {
    return invalid(where, std::string("'") + key + "' must be an array of strings");
  }
  for (const json& item : value) {
    if (!item.is_string()) {
      return invalid(where, std::string("'") + key + "' must be an array of strings");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::int64_t> readCount(const json& object, const char* key, std::int64_t fallback,
                               std::int64_t minimum, const std::string& where) {
  if (!object.contains(key)) return fallback;
  const json& value = object.at(key);
  if (!value.is_number_integer()) {
    return invalid(where, std::string("'") + key + "' must be an integer");
  }
  const auto number = value.get<std::int64_t>();
  if (number < minimum || number > kMaxLimit) {
    return invalid(where, std::string("'") + key + "' out of range");
  }
  return number;
}

bool validId(const std::string& id) {
  if (id.empty() || id.size() > 32) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
                    c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

bool validFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

Result<StepLimits> readLimits(const json& object, const std::string& where) {
  StepLimits limits;
  if (!object.is_object()) return invalid(where, "must be an object");
  if (auto ok = rejectUnknownKeys(
          object, {"cpu_ms", "wall_ms", "memory_mb", "processes", "output_kb"}, where);
      !ok) {
    return std::unexpected(ok.error());
  }
  auto cpu = readCount(object, "cpu_ms", limits.cpuMs, 1, where);
  auto wall = readCount(object, "wall_ms", limits.wallMs, 1, where);
  auto memoryMb = readCount(object, "memory_mb", limits.memoryKb / 1024, 1, where);
  auto processes = readCount(object, "processes", limits.processes, 1, where);
  auto output = readCount(object, "output_kb", limits.outputKb, 1, where);
  for (const auto* r : {&cpu, &wall, &memoryMb, &processes, &output}) {
    if (!*r) return std::unexpected(r->error());
  }
  limits.cpuMs = *cpu;
  limits.wallMs = *wall;
  limits.memoryKb = *memoryMb * 1024;
  limits.processes = *processes;
  limits.outputKb = *output;
  return limits;
}

Result<Language> readLanguage(const json& object, std::size_t index) {
  std::string where = "languages[" + std::to_string(index) + "]";
  if (!object.is_object()) return invalid(where, "must be an object");
  if (object.contains("id") && object.at("id").is_string()) {
    where += " ('" + object.at("id").get<std::string>() + "')";
  }
  if (auto ok = rejectUnknownKeys(object,
                                  {"id", "aliases", "name", "source_file", "compile", "run",
                                   "version", "env", "compile_limits", "run_processes",
                                   "run_memory_extra_mb", "oom_markers"},
                                  where);
      !ok) {
    return std::unexpected(ok.error());
  }

  Language language;
  auto id = readString(object, "id", where, true);
  if (!id) return std::unexpected(id.error());
  if (!validId(*id)) return invalid(where, "id must be 1-32 of [a-z0-9+-_.]");
  language.id = *id;

  auto name = readString(object, "name", where, false);
  if (!name) return std::unexpected(name.error());
  language.name = name->empty() ? language.id : *name;

  auto source = readString(object, "source_file", where, true);
  if (!source) return std::unexpected(source.error());
  if (!validFileName(*source)) return invalid(where, "source_file must be a plain file name");
  language.sourceFile = *source;

  auto aliases = readStrings(object, "aliases", where);
  auto compile = readStrings(object, "compile", where);
  auto run = readStrings(object, "run", where);
  auto version = readStrings(object, "version", where);
  auto env = readStrings(object, "env", where);
  auto oomMarkers = readStrings(object, "oom_markers", where);
  for (const auto* r : {&aliases, &compile, &run, &version, &env, &oomMarkers}) {
    if (!*r) return std::unexpected(r->error());
  }
  for (const auto& alias : *aliases) {
    if (!validId(alias)) return invalid(where, "alias '" + alias + "' must be 1-32 of [a-z0-9+-_.]");
  }
  if (run->empty()) return invalid(where, "'run' must not be empty");
  for (const auto& entry : *env) {
    const auto eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) {
      return invalid(where, "env entry '" + entry + "' must be NAME=value");
    }
  }
  language.aliases = std::move(*aliases);
  language.compile = std::move(*compile);
  language.run = std::move(*run);
  language.version = std::move(*version);
  language.env = std::move(*env);
  language.oomMarkers = std::move(*oomMarkers);
  for (const auto& marker : language.oomMarkers) {
    if (marker.empty()) return invalid(where, "oom_markers must not hold empty strings");
  }

  if (object.contains("compile_limits")) {
    auto limits = readLimits(object.at("compile_limits"), where + ".compile_limits");
    if (!limits) return std::unexpected(limits.error());
    language.compileLimits = *limits;
  }
  auto processes = readCount(object, "run_processes", 1, 1, where);
  if (!processes) return std::unexpected(processes.error());
  language.runProcesses = *processes;
  auto extra = readCount(object, "run_memory_extra_mb", 0, 0, where);
  if (!extra) return std::unexpected(extra.error());
  language.runMemoryExtraMb = *extra;
  return language;
}

bool programMissing(const std::vector<std::string>& argv) {
  if (argv.empty()) return false;
  const std::filesystem::path program(argv.front());
  if (!program.is_absolute()) return false;  // relative: produced by the compile step
  std::error_code ec;
  return !std::filesystem::exists(program, ec);
}

}  // namespace

Result<LanguageTable> LanguageTable::parse(std::string_view text) {
  json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return invalid("file", "not valid JSON");
  if (!root.is_object()) return invalid("file", "top level must be an object");
  if (auto ok = rejectUnknownKeys(root, {"languages"}, "file"); !ok) {
    return std::unexpected(ok.error());
  }
  if (!root.contains("languages") || !root.at("languages").is_array()) {
    return invalid("file", "'languages' must be an array");
  }

  LanguageTable table;
  std::set<std::string> names;
  std::size_t index = 0;
  for (const json& item : root.at("languages")) {
    auto language = readLanguage(item, index++);
    if (!language) return std::unexpected(language.error());
    if (!names.insert(language->id).second) {
      return invalid("languages", "duplicate id or alias '" + language->id + "'");
    }
    for (const auto& alias : language->aliases) {
      if (!names.insert(alias).second) {
        return invalid("languages", "duplicate id or alias '" + alias + "'");
      }
    }
    table.m_languages.push_back(std::move(*language));
  }
  if (table.m_languages.empty()) return invalid("languages", "no language defined");
  return table;
}

Result<LanguageTable> LanguageTable::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::NotFound, "language table: cannot open " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  auto table = parse(text.str());
  if (!table) {
    return fail(table.error().code, file.string() + ": " + table.error().message);
  }
  return table;
}

const Language* LanguageTable::find(std::string_view idOrAlias) const {
  for (const auto& language : m_languages) {
    if (language.id == idOrAlias) return &language;
  }
  for (const auto& language : m_languages) {
    for (const auto& alias : language.aliases) {
      if (alias == idOrAlias) return &language;
    }
  }
  return nullptr;
}

void LanguageTable::detectAvailability() {
  for (auto& language : m_languages) {
    language.available = !programMissing(language.compile) && !programMissing(language.run);
  }
}

std::vector<std::string> expandPlaceholders(const std::vector<std::string>& args,
                                            const std::map<std::string, std::string>& vars) {
  std::vector<std::string> out;
  out.reserve(args.size());
  for (const auto& arg : args) {
    std::string result;
    std::size_t pos = 0;
    while (pos < arg.size()) {
      const auto open = arg.find('{', pos);
      if (open == std::string::npos) break;
      const auto close = arg.find('}', open);
      if (close == std::string::npos) break;
      result.append(arg, pos, open - pos);
      const auto found = vars.find(arg.substr(open + 1, close - open - 1));
      if (found != vars.end()) {
        result += found->second;
      } else {
        result.append(arg, open, close - open + 1);
      }
      pos = close + 1;
    }
    result.append(arg, pos, std::string::npos);
    out.push_back(std::move(result));
  }
  return out;
}

std::filesystem::path defaultLanguagesFile() {
  if (const char* env = std::getenv("ARENA_LANGUAGES"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const std::filesystem::path installed(ARENA_LANGUAGES_INSTALLED_PATH);
  if (std::filesystem::exists(installed, ec)) return installed;
  const std::filesystem::path source(ARENA_LANGUAGES_SOURCE_PATH);
  if (!source.empty() && std::filesystem::exists(source, ec)) return source;
  return installed;
}

}  // namespace arena::judge
