#include "features/problems/package_import.hpp"

#include <algorithm>
#include <fstream>
#include <limits>

namespace arena::server::problems {

namespace fs = std::filesystem;

namespace {

// Reads a whole file, refusing one above maxBytes (the package reader checked existence, not
// size).
Result<std::string> readCapped(const fs::path& file, std::size_t maxBytes,
                               const std::string& what) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return fail(ErrorCode::InvalidArgument, what + ": cannot be read");
  if (size > maxBytes) {
    return fail(ErrorCode::InvalidArgument,
                what + ": is larger than " + std::to_string(maxBytes) + " bytes");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(ErrorCode::InvalidArgument, what + ": cannot be read");
  std::string text(static_cast<std::size_t>(size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(size));
  if (in.gcount() != static_cast<std::streamsize>(size)) {
    return fail(ErrorCode::InvalidArgument, what + ": cannot be read");
  }
  return text;
}

const judge::Statement* markdownStatement(const judge::ProblemPackage& package) {
  const judge::Statement* found = nullptr;
  for (const judge::Statement& statement : package.statements) {
    if (statement.format != judge::StatementFormat::Markdown) continue;
    if (statement.language == "en") return &statement;
    if (found == nullptr) found = &statement;
  }
  return found;
}

std::string statementFormatName(judge::StatementFormat format) {
  switch (format) {
    case judge::StatementFormat::Markdown: return "Markdown";
    case judge::StatementFormat::Latex: return "LaTeX";
    case judge::StatementFormat::Pdf: return "PDF";
    case judge::StatementFormat::Html: return "HTML";
    case judge::StatementFormat::Text: return "text";
  }
  return "unknown";
}

Result<std::string> description(const judge::ProblemPackage& package) {
  if (const judge::Statement* statement = markdownStatement(package)) {
    return readCapped(statement->path, ProblemBounds::kMaxDescriptionBytes,
                      package.shortName + ": the statement");
  }
  if (package.statements.empty()) return std::string("This problem has no statement.");
  const judge::Statement& first = package.statements.front();
  return "The statement of this problem is a " + statementFormatName(first.format) + " file (" +
         first.path.filename().string() + ") in its package.";
}

std::int32_t clampToInt32(std::int64_t value) {
  return static_cast<std::int32_t>(
      std::clamp<std::int64_t>(value, 0, std::numeric_limits<std::int32_t>::max()));
}

model::Limits limitsOf(const judge::Limits& limits) {
  model::Limits result;
  result.timeLimitMs = clampToInt32(limits.timeLimitMs.value_or(ImportDefaults::kTimeLimitMs));
  result.memoryLimitKb = clampToInt32(limits.memoryKb.value_or(ImportDefaults::kMemoryLimitKb));
  result.outputLimitKb = clampToInt32(limits.outputKb.value_or(ImportDefaults::kOutputLimitKb));
  return result;
}

}  // namespace

std::string sanitizeSlug(std::string_view text) {
  std::string slug;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      slug += c;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
    if (slug.size() >= ProblemBounds::kMaxSlugBytes) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

Result<ProblemDraft> draftFromPackage(const judge::ProblemPackage& package,
                                      const ImportOptions& options) {
  ProblemDraft draft;
  model::Problem& problem = draft.problem;
  problem.slug = options.slug ? *options.slug : sanitizeSlug(package.shortName);
  if (!isValidSlug(problem.slug)) {
    return fail(ErrorCode::InvalidArgument,
                "problem.slug: '" + problem.slug.substr(0, 80) +
                    "' is not a valid slug (1 to 64 of lowercase letters, digits and '-')");
  }
  problem.title = package.name.empty() ? package.shortName : package.name;
  if (problem.title.size() > ProblemBounds::kMaxTitleBytes) {
    problem.title.resize(ProblemBounds::kMaxTitleBytes);
  }
  problem.difficulty = options.difficulty;
  auto text = description(package);
  if (!text) return std::unexpected(text.error());
  problem.description = std::move(*text);
  problem.limits = limitsOf(package.limits);

  std::vector<model::TestCase> tests;
  std::size_t total = 0;
  for (const judge::TestCase* testCase : package.data.allCases()) {
    if (tests.size() == ProblemBounds::kMaxTests) {
      return fail(ErrorCode::InvalidArgument, package.shortName + ": more than 500 test cases");
    }
    model::TestCase test;
    auto input = readCapped(testCase->input, ProblemBounds::kMaxTestFileBytes,
                            package.shortName + ": data/" + testCase->name + ".in");
    if (!input) return std::unexpected(input.error());
    auto answer = readCapped(testCase->answer, ProblemBounds::kMaxTestFileBytes,
                             package.shortName + ": data/" + testCase->name + ".ans");
    if (!answer) return std::unexpected(answer.error());
    test.input = std::move(*input);
    test.expectedOutput = std::move(*answer);
    test.isPublic = testCase->isSample;
    total += test.input.size() + test.expectedOutput.size();
    if (total > ProblemBounds::kMaxBodyBytes) {
      return fail(ErrorCode::InvalidArgument, package.shortName + ": test data over 64 MiB");
    }
    tests.push_back(std::move(test));
  }
  if (tests.empty()) {
    return fail(ErrorCode::InvalidArgument, package.shortName + ": the package has no test cases");
  }
  draft.tests = std::move(tests);
  auto valid = validateDraft(draft);
  if (!valid) return std::unexpected(valid.error());
  return draft;
}

}  // namespace arena::server::problems
