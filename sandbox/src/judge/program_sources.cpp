// Reading a package program (file or directory) into the SourceFiles the Compiler takes.
#include "arena/judge/judge.hpp"
#include "arena/judge/temp_dir.hpp"

namespace arena::judge {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSourceBytes = 16 * 1024 * 1024;

Result<std::string> readSource(const fs::path& file) {
  bool truncated = false;
  auto text = readFileCapped(file, kMaxSourceBytes, &truncated);
  if (!text) return std::unexpected(text.error());
  if (truncated) return fail(ErrorCode::InvalidArgument, file.string() + " is too large");
  return text;
}

}  // namespace

Result<std::vector<SourceFile>> readProgramSources(const ProgramSource& program,
                                                   const Language& language,
                                                   const std::string& entrypoint) {
  if (!program.isDirectory) {
    auto text = readSource(program.path);
    if (!text) return std::unexpected(text.error());
    return std::vector<SourceFile>{{language.sourceFile, std::move(*text)}};
  }
  // Which file is the entry: the one already named like the language's, the entrypoint's,
  // or the only source in the program's language.
  std::vector<std::string> names;
  for (const fs::path& file : program.files) {
    names.push_back(file.lexically_relative(program.path).generic_string());
  }
  std::optional<std::size_t> entry;
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == language.sourceFile) entry = i;
    const std::string code = languageFromFileName(program.files[i]);
    if (code.empty() || code != program.language) continue;
    candidates.push_back(i);
    if (!entrypoint.empty() && !entry &&
        (names[i] == entrypoint || fs::path(names[i]).stem() == entrypoint)) {
      entry = i;
    }
  }
  if (!entry && candidates.size() == 1) entry = candidates.front();
  if (!entry) {
    return fail(ErrorCode::InvalidArgument,
                program.name + ": cannot tell the entry file (expected " + language.sourceFile +
                    (entrypoint.empty() ? std::string() : " or " + entrypoint) + ")");
  }
  std::vector<SourceFile> files;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto text = readSource(program.files[i]);
    if (!text) return std::unexpected(text.error());
    const bool isEntry = i == *entry;
    if (!isEntry && names[i] == language.sourceFile) continue;  // cannot happen: entry wins
    files.push_back({isEntry ? language.sourceFile : names[i], std::move(*text)});
  }
  return files;
}

}  // namespace arena::judge
