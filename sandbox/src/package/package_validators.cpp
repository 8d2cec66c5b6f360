// Output and input validators. 2025-09 has one output validator, the directory
// output_validator/ itself; legacy has output_validators/ holding programs (we run exactly
// one), used only when problem.yaml says `validation: custom`.

#include "package_parts.hpp"

namespace arena::judge::detail {

namespace fs = std::filesystem;

namespace {

bool isHeader(const fs::path& file) {
  const std::string ext = file.extension().string();
  return ext == ".h" || ext == ".hpp" || ext == ".hh" || ext == ".hxx";
}

// The programs in a legacy validator directory. Sources directly in the directory with only
// headers beside them (checker.cpp + testlib.h) are one program: the directory.
Result<std::vector<ProgramSource>> programsIn(const PackageContext& context, const fs::path& dir) {
  auto entries = listDirectory(context, dir);
  if (!entries) return std::unexpected(entries.error());
  std::vector<ProgramSource> programs;
  std::vector<fs::path> candidates;
  std::size_t headers = 0;
  std::error_code ec;
  bool anyDirectory = false;
  for (const fs::directory_entry& entry : *entries) {
    if (entry.is_directory(ec)) anyDirectory = true;
    if (!entry.is_directory(ec) && isHeader(entry.path())) {
      ++headers;
      continue;
    }
    candidates.push_back(entry.path());
  }
  if (headers > 0 && !anyDirectory && candidates.size() == 1) {
    auto program = readProgram(context, dir);
    if (!program) return std::unexpected(program.error());
    programs.push_back(std::move(*program));
    return programs;
  }
  for (const fs::path& candidate : candidates) {
    auto program = readProgram(context, candidate);
    if (!program) return std::unexpected(program.error());
    programs.push_back(std::move(*program));
  }
  return programs;
}

}  // namespace

Result<void> readValidators(PackageContext& context, ProblemPackage& package,
                            const MetadataInfo& metadata) {
  std::error_code ec;
  const fs::path modernDir = context.root() / "output_validator";
  const fs::path legacyDir = context.root() / "output_validators";
  if (package.format == PackageFormat::Kattis2025) {
    if (fs::exists(legacyDir, ec)) {
      return context.fail("output_validators/",
                          "is the legacy directory name; 2025-09 uses output_validator/");
    }
    if (fs::is_directory(modernDir, ec)) {
      auto program = readProgram(context, modernDir);
      if (!program) return std::unexpected(program.error());
      package.outputValidator = std::move(*program);
    }
  } else {
    const bool haveLegacyDir = fs::is_directory(legacyDir, ec);
    if (fs::exists(modernDir, ec)) {
      context.warn("output_validator/",
                   "is the 2025-09 directory name; legacy packages use output_validators/");
    }
    if (metadata.customValidation || (!metadata.hasProblemYaml && haveLegacyDir)) {
      if (!haveLegacyDir) {
        return context.fail("problem.yaml",
                            "validation: custom, but there is no output_validators/ directory");
      }
      auto programs = programsIn(context, legacyDir);
      if (!programs) return std::unexpected(programs.error());
      if (programs->empty()) {
        return context.fail("output_validators/", "is empty but validation is custom");
      }
      if (programs->size() > 1) {
        return context.fail("output_validators/", "holds " + std::to_string(programs->size()) +
                                                      " validators; this judge runs exactly one");
      }
      package.outputValidator = std::move(programs->front());
    } else if (haveLegacyDir) {
      context.warn("output_validators/",
                   "is ignored: problem.yaml does not say `validation: custom`");
    }
  }
  if (package.type.interactive && !package.outputValidator) {
    return context.fail(
        package.format == PackageFormat::Kattis2025 ? "output_validator/" : "output_validators/",
        "interactive problems need a custom output validator (the interactor)");
  }
  if (package.outputValidator && !package.outputValidator->hasRunScript &&
      !package.outputValidator->hasBuildScript && package.outputValidator->language.empty()) {
    return context.fail(package.outputValidator->name,
                        "cannot tell the validator's language (no build/run script and no "
                        "single known source language)");
  }
  if (package.domjudge && package.domjudge->specialCompare && !package.outputValidator) {
    context.warn("domjudge-problem.ini", "special_compare '" + *package.domjudge->specialCompare +
                                             "' names a DOMjudge executable that is not in the "
                                             "package; the default validator will be used");
  }

  for (const char* name : {"input_validators", "input_format_validators"}) {
    const fs::path dir = context.root() / name;
    if (!fs::is_directory(dir, ec)) continue;
    auto programs = programsIn(context, dir);
    if (!programs) return std::unexpected(programs.error());
    for (ProgramSource& program : *programs) package.inputValidators.push_back(std::move(program));
  }
  return {};
}

}  // namespace arena::judge::detail
