#include "admin_cli/contest_archive.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <iterator>
#include <set>

#include <yaml-cpp/yaml.h>

#include "arena/judge/package_zip.hpp"
#include "arena/judge/problem_package.hpp"

namespace arena::server::admin {

namespace fs = std::filesystem;

namespace {

Error invalid(const std::string& message) { return {ErrorCode::InvalidArgument, message}; }

Result<YAML::Node> loadYaml(const fs::path& file, const std::string& shown) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::unexpected(invalid(shown + " is missing"));
  try {
    return YAML::LoadFile(file.string());
  } catch (const YAML::Exception& error) {
    return std::unexpected(invalid(shown + ": " + error.what()));
  }
}

// The first of `keys` present in `map` (the spec's spelling first, then the older Kattis one).
YAML::Node either(const YAML::Node& map, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const YAML::Node node = map[key];
    if (node.IsDefined()) return node;
  }
  return map[*std::prev(keys.end())];  // undefined, like any absent key
}

Result<std::string> scalar(const YAML::Node& node, const std::string& where) {
  if (!node.IsScalar()) return std::unexpected(invalid(where + ": expected a single value"));
  try {
    return node.as<std::string>();
  } catch (const YAML::Exception& error) {
    return std::unexpected(invalid(where + ": " + error.what()));
  }
}

bool absent(const YAML::Node& node) { return !node.IsDefined() || node.IsNull(); }

// Digits only, at most `width` of them (width 0: any number).
std::optional<int> digits(std::string_view text, std::size_t width = 0) {
  if (text.empty() || (width != 0 && text.size() != width) || text.size() > 9) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return std::nullopt;  // from_chars alone would take a sign
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "#00f" -> "#0000ff"; "#00AAff" -> "#00aaff"; anything else -> none.
std::optional<std::string> hexColor(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (text.empty() || text[0] != '#') return std::nullopt;
  const std::string hex = text.substr(1);
  if (!std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); }))
    return std::nullopt;
  if (hex.size() == 6) return text;
  if (hex.size() == 3) return std::string{'#', hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
  return std::nullopt;
}

std::optional<std::string> slugOf(const std::string& id) {
  std::string slug;
  for (const char ch : id) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      slug += static_cast<char>(std::tolower(c));
    } else if (c == '-' || c == '_') {
      slug += '-';
    } else {
      return std::nullopt;
    }
  }
  if (slug.empty() || slug.size() > 64) return std::nullopt;
  return slug;
}

}  // namespace

Result<std::int64_t> parseRelativeTime(std::string_view text) {
  const std::string shown(text);
  // (h)*h:mm:ss(.uuu)?  -- negative times make no sense for a duration
  std::string_view rest = text;
  if (const auto dot = rest.find('.'); dot != std::string_view::npos) {
    if (!digits(rest.substr(dot + 1))) return std::unexpected(invalid("'" + shown + "' is not h:mm:ss"));
    rest = rest.substr(0, dot);
  }
  const auto first = rest.find(':');
  const auto second = rest.rfind(':');
  if (first == std::string_view::npos || first == second)
    return std::unexpected(invalid("'" + shown + "' is not h:mm:ss"));
  const auto hours = digits(rest.substr(0, first));
  const auto minutes = digits(rest.substr(first + 1, second - first - 1), 2);
  const auto seconds = digits(rest.substr(second + 1), 2);
  if (!hours || !minutes || !seconds || *minutes > 59 || *seconds > 59)
    return std::unexpected(invalid("'" + shown + "' is not h:mm:ss"));
  return std::int64_t{*hours} * 3600 + *minutes * 60 + *seconds;
}

Result<Timestamp> parseAbsoluteTime(std::string_view text) {
  const std::string shown(text);
  const auto bad = [&] {
    return std::unexpected(
        invalid("'" + shown + "' is not a time like 2014-06-25T10:00:00+01 (with its zone)"));
  };
  // yyyy-mm-ddThh:mm:ss
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':')
    return bad();
  const auto year = digits(text.substr(0, 4), 4);
  const auto month = digits(text.substr(5, 2), 2);
  const auto day = digits(text.substr(8, 2), 2);
  const auto hour = digits(text.substr(11, 2), 2);
  const auto minute = digits(text.substr(14, 2), 2);
  const auto second = digits(text.substr(17, 2), 2);
  if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 ||
      *second > 60)
    return bad();
  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return bad();
  std::string_view zone = text.substr(19);
  std::chrono::milliseconds fraction{0};
  if (!zone.empty() && zone[0] == '.') {
    std::size_t n = 1;
    while (n < zone.size() && std::isdigit(static_cast<unsigned char>(zone[n]))) ++n;
    if (n == 1) return bad();
    std::string millis(zone.substr(1, std::min<std::size_t>(n - 1, 3)));
    millis.resize(3, '0');
    fraction = std::chrono::milliseconds{*digits(millis)};
    zone = zone.substr(n);
  }
  std::chrono::minutes offset{0};
  if (zone == "Z") {
  } else if (!zone.empty() && (zone[0] == '+' || zone[0] == '-')) {
    const int sign = zone[0] == '-' ? -1 : 1;
    std::string_view hm = zone.substr(1);
    std::optional<int> hours, minutes{0};
    if (hm.size() == 2) {
      hours = digits(hm, 2);
    } else if (hm.size() == 4) {
      hours = digits(hm.substr(0, 2), 2);
      minutes = digits(hm.substr(2), 2);
    } else if (hm.size() == 5 && hm[2] == ':') {
      hours = digits(hm.substr(0, 2), 2);
      minutes = digits(hm.substr(3), 2);
    }
    if (!hours || !minutes || *hours > 23 || *minutes > 59) return bad();
    offset = std::chrono::minutes{sign * (*hours * 60 + *minutes)};
  } else {
    return bad();
  }
  const auto local = std::chrono::sys_days{date} + std::chrono::hours{*hour} +
                     std::chrono::minutes{*minute} + std::chrono::seconds{*second} + fraction;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(local - offset);
}

Result<ContestArchive> readContestArchive(const fs::path& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec))
    return std::unexpected(invalid(root.string() + " is not a directory"));
  ContestArchive archive;

  auto contest = loadYaml(root / "contest.yaml", "contest.yaml");
  if (!contest) return std::unexpected(contest.error());
  if (!contest->IsMap()) return std::unexpected(invalid("contest.yaml: expected a map of settings"));
  const YAML::Node name = either(*contest, {"name", "formal_name"});
  if (absent(name)) return std::unexpected(invalid("contest.yaml: name is missing"));
  auto nameText = scalar(name, "contest.yaml: name");
  if (!nameText) return std::unexpected(nameText.error());
  archive.name = *nameText;
  if (archive.name.empty()) return std::unexpected(invalid("contest.yaml: name is empty"));

  const YAML::Node start = either(*contest, {"start_time", "start-time"});
  if (!absent(start)) {
    auto text = scalar(start, "contest.yaml: start_time");
    if (!text) return std::unexpected(text.error());
    auto at = parseAbsoluteTime(*text);
    if (!at) return std::unexpected(invalid("contest.yaml: start_time: " + at.error().message));
    archive.startsAt = *at;
  }

  const YAML::Node duration = either(*contest, {"duration"});
  if (absent(duration)) return std::unexpected(invalid("contest.yaml: duration is missing"));
  auto durationText = scalar(duration, "contest.yaml: duration");
  if (!durationText) return std::unexpected(durationText.error());
  auto seconds = parseRelativeTime(*durationText);
  if (!seconds) return std::unexpected(invalid("contest.yaml: duration: " + seconds.error().message));
  if (*seconds <= 0) return std::unexpected(invalid("contest.yaml: duration must be positive"));
  archive.durationSeconds = *seconds;

  const YAML::Node freeze =
      either(*contest, {"scoreboard_freeze_duration", "scoreboard-freeze-duration"});
  if (!absent(freeze)) {
    auto text = scalar(freeze, "contest.yaml: scoreboard_freeze_duration");
    if (!text) return std::unexpected(text.error());
    auto frozen = parseRelativeTime(*text);
    if (!frozen)
      return std::unexpected(
          invalid("contest.yaml: scoreboard_freeze_duration: " + frozen.error().message));
    if (*frozen > archive.durationSeconds)
      return std::unexpected(
          invalid("contest.yaml: scoreboard_freeze_duration is longer than the contest"));
    // The spec counts the frozen time back from the end; the API counts from the start.
    if (*frozen > 0) archive.freezeAfterSeconds = archive.durationSeconds - *frozen;
  }

  const YAML::Node type = either(*contest, {"scoreboard_type", "scoreboard-type"});
  if (!absent(type)) {
    auto text = scalar(type, "contest.yaml: scoreboard_type");
    if (!text) return std::unexpected(text.error());
    if (*text == "pass-fail") {
      archive.rules = "icpc";
    } else if (*text == "score") {
      archive.rules = "ioi";
    } else {
      return std::unexpected(invalid("contest.yaml: scoreboard_type: '" + *text +
                                     "' is neither pass-fail nor score"));
    }
  }

  auto problems = loadYaml(root / "problems.yaml", "problems.yaml");
  if (!problems) return std::unexpected(problems.error());
  if (!problems->IsSequence() || problems->size() == 0)
    return std::unexpected(invalid("problems.yaml: expected a list of problems"));
  std::set<std::string> labels, slugs;
  for (std::size_t i = 0; i < problems->size(); ++i) {
    const YAML::Node entry = (*problems)[i];
    const std::string where = "problems.yaml: problem " + std::to_string(i + 1);
    if (!entry.IsMap()) return std::unexpected(invalid(where + ": expected a map"));
    ArchiveProblem problem;
    const YAML::Node id = either(entry, {"id", "short-name", "short_name"});
    if (absent(id)) return std::unexpected(invalid(where + ": id (or short-name) is missing"));
    auto idText = scalar(id, where + ": id");
    if (!idText) return std::unexpected(idText.error());
    problem.id = *idText;
    const auto slug = slugOf(problem.id);
    if (!slug)
      return std::unexpected(invalid(where + ": id '" + problem.id +
                                     "' must be 1 to 64 letters, digits, '-' or '_'"));
    problem.slug = *slug;
    const YAML::Node label = entry["label"];
    if (absent(label)) {
      problem.label = std::string(1, static_cast<char>('A' + std::min<std::size_t>(i, 25)));
    } else {
      auto text = scalar(label, where + ": label");
      if (!text) return std::unexpected(text.error());
      problem.label = *text;
    }
    if (problem.label.empty() || problem.label.size() > 8)
      return std::unexpected(invalid(where + ": label must be 1 to 8 characters"));
    // rgb is the colour's value; color is its name, used only when it is itself a hex colour.
    for (const char* key : {"rgb", "color"}) {
      const YAML::Node color = entry[key];
      if (absent(color) || !problem.color.empty()) continue;
      auto text = scalar(color, where + ": " + key);
      if (!text) return std::unexpected(text.error());
      if (auto hex = hexColor(*text)) {
        problem.color = *hex;
      } else if (std::string(key) == "rgb") {
        return std::unexpected(invalid(where + ": rgb '" + *text + "' is not #rgb or #rrggbb"));
      }
    }
    if (!labels.insert(problem.label).second)
      return std::unexpected(invalid(where + ": label '" + problem.label + "' is used twice"));
    if (!slugs.insert(problem.slug).second)
      return std::unexpected(invalid(where + ": id '" + problem.id + "' is used twice"));

    for (const fs::path& candidate : {root / problem.id, root / "problems" / problem.id}) {
      if (fs::is_directory(candidate, ec)) {
        problem.dir = candidate;
        break;
      }
    }
    if (problem.dir.empty())
      return std::unexpected(invalid(where + ": no package directory " + problem.id + "/ (or problems/" +
                                     problem.id + "/) in the archive"));
    judge::PackageReadOptions options;
    options.shortName = problem.id;
    if (auto package = judge::readProblemPackage(problem.dir, options); !package)
      return std::unexpected(invalid("problem " + problem.id + ": " + package.error().message));
    archive.problems.push_back(std::move(problem));
  }
  return archive;
}

Result<fs::path> unpackContestArchive(const fs::path& zip, const fs::path& destination) {
  auto root = judge::extractPackageZip(zip, destination);
  if (!root) return std::unexpected(root.error());
  std::error_code ec;
  if (fs::is_regular_file(destination / "contest.yaml", ec)) return destination;
  // One directory wrapping everything (zip -r contest.zip contest/).
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(destination, ec))
    if (entry.is_directory()) dirs.push_back(entry.path());
  if (dirs.size() == 1 && fs::is_regular_file(dirs[0] / "contest.yaml", ec)) return dirs[0];
  return std::unexpected(invalid(zip.filename().string() + ": no contest.yaml at its top level"));
}

nlohmann::json contestRequestBody(const ContestArchive& archive,
                                  const std::vector<std::int64_t>& problemIds, Timestamp startsAt) {
  nlohmann::json problems = nlohmann::json::array();
  for (std::size_t i = 0; i < archive.problems.size() && i < problemIds.size(); ++i) {
    problems.push_back({{"problem_id", problemIds[i]},
                        {"label", archive.problems[i].label},
                        {"color", archive.problems[i].color}});
  }
  nlohmann::json body = {{"name", archive.name},
                         {"starts_at", formatTimestamp(startsAt)},
                         {"duration_seconds", archive.durationSeconds},
                         {"rules", archive.rules},
                         {"problems", std::move(problems)}};
  if (archive.freezeAfterSeconds) body["freeze_after_seconds"] = *archive.freezeAfterSeconds;
  return body;
}

}  // namespace arena::server::admin
