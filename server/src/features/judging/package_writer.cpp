#include "package_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "arena/judge/temp_dir.hpp"

namespace arena::server::judging {

namespace fs = std::filesystem;

namespace {

std::int64_t kibToMibRoundedUp(std::int64_t kib) {
  return std::max<std::int64_t>(1, (kib + 1023) / 1024);
}

// A YAML double-quoted scalar: JSON string escapes are valid YAML escapes.
std::string yamlQuoted(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string problemYaml(const model::Problem& problem) {
  const auto& limits = problem.limits;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", static_cast<double>(limits.timeLimitMs) / 1000.0);
  std::string yaml;
  yaml += "# Written by arena-server from problem " + std::to_string(problem.id) + ".\n";
  yaml += "problem_format_version: legacy\n";
  yaml += "name: " + yamlQuoted(problem.title.empty() ? problem.slug : problem.title) + "\n";
  yaml += "limits:\n";
  yaml += "  time_limit: " + std::string{seconds} + "\n";
  yaml += "  memory: " + std::to_string(kibToMibRoundedUp(limits.memoryLimitKb)) + "\n";
  yaml += "  output: " + std::to_string(kibToMibRoundedUp(limits.outputLimitKb)) + "\n";
  return yaml;
}

std::string caseName(std::size_t ordinal, std::size_t count) {
  const std::size_t width = std::max<std::size_t>(3, std::to_string(count).size());
  std::string name = std::to_string(ordinal);
  name.insert(0, width - name.size(), '0');
  return name;
}

}  // namespace

Result<void> writePackageFromRows(const model::Problem& problem,
                                  std::span<const model::TestCase> tests, const fs::path& dir) {
  if (problem.limits.timeLimitMs <= 0 || problem.limits.memoryLimitKb <= 0 ||
      problem.limits.outputLimitKb <= 0) {
    return fail(ErrorCode::InvalidArgument,
                "problem " + std::to_string(problem.id) + " has a limit that is not positive");
  }
  std::error_code ec;
  for (const char* sub : {"problem_statement", "data/sample", "data/secret"}) {
    fs::create_directories(dir / sub, ec);
    if (ec)
      return fail(ErrorCode::Internal,
                  "cannot create " + (dir / sub).string() + ": " + ec.message());
  }
  if (auto ok = judge::writeFile(dir / "problem.yaml", problemYaml(problem)); !ok) return ok;
  if (auto ok = judge::writeFile(dir / "problem_statement/problem.en.md", problem.description);
      !ok) {
    return ok;
  }
  const bool anyHidden =
      std::any_of(tests.begin(), tests.end(), [](const auto& test) { return !test.isPublic; });
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const bool sample = tests[i].isPublic && anyHidden;
    const fs::path base =
        dir / "data" / (sample ? "sample" : "secret") / caseName(i + 1, tests.size());
    if (auto ok = judge::writeFile(fs::path{base} += ".in", tests[i].input); !ok) return ok;
    if (auto ok = judge::writeFile(fs::path{base} += ".ans", tests[i].expectedOutput); !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace arena::server::judging
