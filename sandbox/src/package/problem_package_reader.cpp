// readProblemPackage: the steps in order, behind one exception boundary.

#include <cmath>

#include "arena/judge/problem_package.hpp"
#include "package_parts.hpp"

namespace arena::judge {

namespace fs = std::filesystem;

namespace {

void collectCases(const TestGroup& group, std::vector<const TestCase*>& out) {
  for (const TestGroup::Item& item : group.order) {
    if (item.isGroup) {
      collectCases(group.groups[item.index], out);
    } else {
      out.push_back(&group.cases[item.index]);
    }
  }
}

Result<ProblemPackage> readSteps(const fs::path& dir, const PackageReadOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return fail(ErrorCode::InvalidArgument,
                "problem package " + dir.string() + " is not a directory");
  }
  ProblemPackage package;
  package.root = fs::absolute(dir, ec).lexically_normal();
  if (!package.root.has_filename()) package.root = package.root.parent_path();
  package.shortName =
      options.shortName.empty() ? package.root.filename().string() : options.shortName;
  if (package.shortName.empty()) {
    return fail(ErrorCode::InvalidArgument, "problem package " + dir.string() + " has no name");
  }
  detail::PackageContext context(package.root, package.shortName);

  auto metadata = detail::readMetadata(context, package);
  if (!metadata) return std::unexpected(metadata.error());
  if (auto ok = detail::readStatements(context, package); !ok) return std::unexpected(ok.error());
  if (auto ok = detail::readTestData(context, package); !ok) return std::unexpected(ok.error());
  if (auto ok = detail::readValidators(context, package, *metadata); !ok) {
    return std::unexpected(ok.error());
  }
  if (auto ok = detail::readSubmissions(context, package); !ok) return std::unexpected(ok.error());

  package.warnings = std::move(context.warnings());
  if (options.strict && !package.warnings.empty()) {
    std::string message = package.warnings.front();
    if (package.warnings.size() > 1) {
      message += " (and " + std::to_string(package.warnings.size() - 1) + " more warnings)";
    }
    return fail(ErrorCode::InvalidArgument, message);
  }
  return package;
}

}  // namespace

std::vector<const TestCase*> TestGroup::allCases() const {
  std::vector<const TestCase*> out;
  collectCases(*this, out);
  return out;
}

const TestGroup* TestGroup::findGroup(std::string_view groupName) const {
  if (name == groupName) return this;
  for (const TestGroup& group : groups) {
    if (const TestGroup* found = group.findGroup(groupName)) return found;
  }
  return nullptr;
}

Result<ProblemPackage> readProblemPackage(const fs::path& dir, const PackageReadOptions& options) {
  // yaml-cpp and std::filesystem throw; nothing may escape the reader.
  try {
    return readSteps(dir, options);
  } catch (const std::bad_alloc&) {
    return fail(ErrorCode::Internal, "out of memory reading problem package " + dir.string());
  } catch (const std::exception& e) {
    return fail(ErrorCode::InvalidArgument, "problem package " + dir.string() + ": " + e.what());
  }
}

Result<std::int64_t> inferTimeLimitMs(const Limits& limits, std::int64_t slowestAcceptedMs,
                                      std::optional<std::int64_t> fastestTooSlowMs) {
  if (limits.timeLimitMs) return *limits.timeLimitMs;
  const TimeMultipliers& m = limits.multipliers;
  const double resolutionMs = m.timeResolutionS * 1000.0;
  if (!(resolutionMs > 0) || slowestAcceptedMs < 0) {
    return fail(ErrorCode::InvalidArgument, "invalid time resolution or accepted time");
  }
  const double lower = static_cast<double>(slowestAcceptedMs) * m.acToTimeLimit;
  // Smallest positive multiple of the resolution at or above the lower bound.
  double steps = std::max(1.0, std::ceil(lower / resolutionMs - 1e-9));
  const double limitMs = steps * resolutionMs;
  if (fastestTooSlowMs && limitMs * m.timeLimitToTle > static_cast<double>(*fastestTooSlowMs)) {
    return fail(ErrorCode::InvalidArgument,
                "no time limit fits: the slowest accepted submission needs at least " +
                    std::to_string(std::llround(limitMs)) + " ms, but the fastest too-slow one (" +
                    std::to_string(*fastestTooSlowMs) + " ms) allows at most " +
                    std::to_string(
                        std::llround(static_cast<double>(*fastestTooSlowMs) / m.timeLimitToTle)) +
                    " ms");
  }
  return std::llround(limitMs);
}

}  // namespace arena::judge
