#include "features/problems/problem_service.hpp"

#include <mutex>
#include <utility>

#include <nlohmann/json.hpp>

#include "arena/judge/package_zip.hpp"
#include "arena/judge/temp_dir.hpp"
#include "arena/model/enum_names.hpp"
#include "arena/protocol/json_codecs.hpp"
#include "features/problems/package_import.hpp"

namespace arena::server::problems {

namespace fs = std::filesystem;
using nlohmann::json;
using storage::ProblemRecord;

namespace {

// The uploaded zip's file name. readProblemPackageZip takes a bare package's short name from
// it, so a package whose short name comes out as this stem had none of its own.
constexpr std::string_view kUploadStem = "uploaded-package";

std::shared_ptr<const std::string> share(const json& document) {
  return std::make_shared<const std::string>(document.dump());
}

}  // namespace

ProblemService::ProblemService(storage::ProblemRepository& problems, PackageInstaller installer,
                               fs::path tempRoot)
    : m_problems(problems), m_installer(std::move(installer)), m_tempRoot(std::move(tempRoot)) {}

// ---- cache ----

ProblemService::Bytes ProblemService::cached(const std::map<std::string, Bytes, std::less<>>& map,
                                             std::string_view key,
                                             std::uint64_t* generation) const {
  std::shared_lock lock(m_cacheMutex);
  *generation = m_generation;
  const auto it = map.find(key);
  return it == map.end() ? nullptr : it->second;
}

void ProblemService::store(std::map<std::string, Bytes, std::less<>>& map, std::string key,
                           Bytes bytes, std::uint64_t generation) {
  std::unique_lock lock(m_cacheMutex);
  // A write happened while these bytes were built: they may predate it, so keep them out.
  if (generation != m_generation) return;
  map.insert_or_assign(std::move(key), std::move(bytes));
}

void ProblemService::invalidate() {
  std::unique_lock lock(m_cacheMutex);
  ++m_generation;
  m_lists.clear();
  m_problemDocs.clear();
}

// ---- reads ----

Result<std::shared_ptr<const std::string>> ProblemService::list(
    std::optional<model::Difficulty> difficulty) {
  const std::string key = difficulty ? std::string(model::enumName(*difficulty)) : std::string();
  std::uint64_t generation = 0;
  if (Bytes hit = cached(m_lists, key, &generation)) return hit;

  storage::ProblemFilter filter;
  filter.difficulty = difficulty;
  filter.activeOnly = true;
  auto records = m_problems.list(filter);
  if (!records) return std::unexpected(records.error());
  json items = json::array();
  for (const ProblemRecord& record : *records) {
    const model::Problem& problem = record.problem;
    items.push_back({{"id", problem.id},
                     {"slug", problem.slug},
                     {"title", problem.title},
                     {"difficulty", std::string(model::enumName(problem.difficulty))},
                     {"limits", protocol::toJson(problem.limits)}});
  }
  Bytes bytes = share(json{{"problems", std::move(items)}});
  store(m_lists, key, bytes, generation);
  return bytes;
}

Result<ProblemService::Bytes> ProblemService::buildProblemDocument(const ProblemRecord& record,
                                                                   bool forProctor) {
  auto samples = m_problems.listTestCases(record.problem.id, storage::TestCaseScope::PublicOnly);
  if (!samples) return std::unexpected(samples.error());
  json document = protocol::toJson(record.problem);
  json list = json::array();
  for (const model::TestCase& test : *samples) {
    // The repository was asked for public tests only; checked again because a hidden test in
    // this document would leak to every contestant.
    if (!test.isPublic) continue;
    list.push_back({{"input", test.input}, {"output", test.expectedOutput}});
  }
  document["samples"] = std::move(list);
  if (forProctor) document["is_active"] = record.isActive;
  return share(document);
}

Result<ProblemRecord> ProblemService::findActive(std::string_view slug) {
  auto record = m_problems.findBySlug(slug);
  if (!record) return std::unexpected(record.error());
  if (!record->isActive) return fail(ErrorCode::NotFound, "no problem '" + std::string(slug) + "'");
  return record;
}

Result<std::shared_ptr<const std::string>> ProblemService::get(std::string_view slug) {
  if (!isValidSlug(slug))
    return fail(ErrorCode::NotFound, "no problem '" + std::string(slug.substr(0, 80)) + "'");
  std::uint64_t generation = 0;
  if (Bytes hit = cached(m_problemDocs, slug, &generation)) return hit;
  auto record = findActive(slug);
  if (!record) return std::unexpected(record.error());
  auto bytes = buildProblemDocument(*record, false);
  if (!bytes) return std::unexpected(bytes.error());
  store(m_problemDocs, std::string(slug), *bytes, generation);
  return bytes;
}

Result<std::shared_ptr<const std::string>> ProblemService::getForProctor(std::string_view slug) {
  if (!isValidSlug(slug))
    return fail(ErrorCode::NotFound, "no problem '" + std::string(slug.substr(0, 80)) + "'");
  auto record = m_problems.findBySlug(slug);
  if (!record) return std::unexpected(record.error());
  return buildProblemDocument(*record, true);
}

Result<std::vector<model::TestCase>> ProblemService::tests(std::string_view slug) {
  if (!isValidSlug(slug))
    return fail(ErrorCode::NotFound, "no problem '" + std::string(slug.substr(0, 80)) + "'");
  auto record = m_problems.findBySlug(slug);
  if (!record) return std::unexpected(record.error());
  return m_problems.listTestCases(record->problem.id, storage::TestCaseScope::All);
}

// ---- writes ----

Result<ProblemRecord> ProblemService::create(const ProblemDraft& draft) {
  if (!draft.tests)
    return fail(ErrorCode::InvalidArgument, "problem.tests: is required (at least one test)");
  auto valid = validateDraft(draft);
  if (!valid) return std::unexpected(valid.error());
  auto record = m_problems.create(draft.problem);
  if (!record) return std::unexpected(record.error());
  auto written = m_problems.replaceTestCases(record->problem.id, *draft.tests);
  if (!written) {
    // Rows are never deleted; a problem without its tests must at least stay out of sight.
    (void)m_problems.setActive(record->problem.id, false);
    invalidate();
    return std::unexpected(written.error());
  }
  invalidate();
  return record;
}

Result<ProblemRecord> ProblemService::update(std::string_view slug, const ProblemDraft& draft) {
  auto valid = validateDraft(draft);
  if (!valid) return std::unexpected(valid.error());
  auto existing = m_problems.findBySlug(slug);
  if (!existing) return std::unexpected(existing.error());
  model::Problem problem = draft.problem;
  problem.id = existing->problem.id;
  auto updated = m_problems.update(problem);
  // Cleared whatever happened: a failed update may still have changed something.
  invalidate();
  if (!updated) return std::unexpected(updated.error());
  if (draft.tests) {
    auto written = m_problems.replaceTestCases(problem.id, *draft.tests);
    invalidate();
    if (!written) return std::unexpected(written.error());
  }
  return m_problems.findById(problem.id);
}

Result<void> ProblemService::deactivate(std::string_view slug) {
  auto existing = m_problems.findBySlug(slug);
  if (!existing) return std::unexpected(existing.error());
  auto done = m_problems.setActive(existing->problem.id, false);
  invalidate();
  return done;
}

// ---- import ----

Result<ProblemRecord> ProblemService::importPackage(const judge::ProblemPackage& package,
                                                    const ImportOptions& options) {
  ImportOptions effective = options;
  if (!effective.slug && package.shortName == kUploadStem) {
    // A bare package in the zip: its name is the best short name there is.
    effective.slug = sanitizeSlug(package.name);
  }
  auto draft = draftFromPackage(package, effective);
  if (!draft) return std::unexpected(draft.error());
  auto record = create(*draft);
  if (!record) return std::unexpected(record.error());
  if (m_installer) {
    auto installed = m_installer(*record, package.root);
    if (!installed) {
      // Without its package the problem cannot be judged: keep it hidden.
      (void)m_problems.setActive(record->problem.id, false);
      invalidate();
      return std::unexpected(installed.error());
    }
  }
  return record;
}

Result<ProblemRecord> ProblemService::importDirectory(const fs::path& dir,
                                                      const ImportOptions& options) {
  judge::PackageReadOptions readOptions;
  if (options.slug) readOptions.shortName = *options.slug;
  auto package = judge::readProblemPackage(dir, readOptions);
  if (!package) return std::unexpected(package.error());
  return importPackage(*package, options);
}

Result<ProblemRecord> ProblemService::importZip(std::string_view zipBytes,
                                                const ImportOptions& options) {
  if (options.slug && !isValidSlug(*options.slug)) {
    return fail(ErrorCode::InvalidArgument,
                "slug: must be 1 to 64 of lowercase letters, digits and '-'");
  }
  auto work = judge::TempDir::create(m_tempRoot, "arena-import-", judge::kTraversable);
  if (!work) return std::unexpected(work.error());
  const fs::path zip = work->path() / (std::string(kUploadStem) + ".zip");
  auto written = judge::writeFile(zip, zipBytes);
  if (!written) return std::unexpected(written.error());
  judge::PackageReadOptions readOptions;
  if (options.slug) readOptions.shortName = *options.slug;
  auto package = judge::readProblemPackageZip(zip, work->path() / "package", {}, readOptions);
  if (!package) return std::unexpected(package.error());
  // The installer copies the package out; the temporary directory goes when `work` does.
  return importPackage(*package, options);
}

}  // namespace arena::server::problems
