#include "features/problems/sample_loader.hpp"

#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "arena/model/enum_names.hpp"

namespace arena::server::problems {

namespace fs = std::filesystem;

Result<int> loadSamples(ProblemService& service, const fs::path& samplesDir) {
  const fs::path listFile = samplesDir / "samples.json";
  std::ifstream in(listFile);
  if (!in) return fail(ErrorCode::Internal, listFile.string() + ": cannot be read");
  const nlohmann::json list = nlohmann::json::parse(in, nullptr, false);
  if (list.is_discarded() || !list.is_array()) {
    return fail(ErrorCode::Internal, listFile.string() + ": must be a JSON array");
  }
  int loaded = 0;
  for (const nlohmann::json& entry : list) {
    if (!entry.is_object() || !entry.contains("slug") || !entry["slug"].is_string() ||
        !entry.contains("difficulty") || !entry["difficulty"].is_string()) {
      return fail(ErrorCode::Internal,
                  listFile.string() + ": every entry needs a string slug and difficulty");
    }
    const std::string slug = entry["slug"].get<std::string>();
    const auto difficulty =
        model::enumFromName<model::Difficulty>(entry["difficulty"].get<std::string>());
    if (!isValidSlug(slug) || !difficulty) {
      return fail(ErrorCode::Internal, listFile.string() + ": bad entry for '" + slug + "'");
    }
    auto existing = service.getForProctor(slug);
    if (existing) continue;
    if (existing.error().code != ErrorCode::NotFound) return std::unexpected(existing.error());
    ImportOptions options;
    options.slug = slug;
    options.difficulty = *difficulty;
    auto imported = service.importDirectory(samplesDir / slug, options);
    if (!imported) {
      return fail(imported.error().code, "sample '" + slug + "': " + imported.error().message);
    }
    ++loaded;
  }
  return loaded;
}

}  // namespace arena::server::problems
