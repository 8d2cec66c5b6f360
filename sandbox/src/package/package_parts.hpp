#pragma once
// The reader's steps, one file each, run in this order by readProblemPackage(). Each fills its
// part of the ProblemPackage and fails with a message naming the file.

#include <filesystem>

#include "arena/judge/problem_package.hpp"
#include "package_context.hpp"

namespace arena::judge::detail {

// What the metadata step learnt that later steps check against.
struct MetadataInfo {
  bool hasProblemYaml = false;
  bool customValidation = false;  // legacy `validation: custom...`
};

// problem.yaml, domjudge-problem.ini and .timelimit: format, type, names, limits.
Result<MetadataInfo> readMetadata(PackageContext& context, ProblemPackage& package);
// statement/ or problem_statement/ (and DOMjudge's problem.{pdf,html,txt}); name fallback.
Result<void> readStatements(PackageContext& context, ProblemPackage& package);
// data/: the test group tree.
Result<void> readTestData(PackageContext& context, ProblemPackage& package);
// output_validator(s)/ and input_validators/.
Result<void> readValidators(PackageContext& context, ProblemPackage& package,
                            const MetadataInfo& metadata);
// submissions/: directories, @EXPECTED_RESULTS@ tags, submissions.yaml.
Result<void> readSubmissions(PackageContext& context, ProblemPackage& package);

// A program at `path` (a file, or a directory that is one program).
Result<ProgramSource> readProgram(const PackageContext& context, const std::filesystem::path& path);

// The DOMjudge ini format: `key = value` lines, values optionally quoted.
Result<std::vector<std::pair<std::string, std::string>>> parseDomjudgeIni(
    const PackageContext& context, const std::filesystem::path& file);

}  // namespace arena::judge::detail
