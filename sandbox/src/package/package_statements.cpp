// Statements: `statement/` (2025-09) or `problem_statement/` (legacy), files named
// problem.<language>.<md|tex|pdf> (legacy may leave out the language: English), and DOMjudge's
// problem.{pdf,html,txt} at the root. Also settles the display name, since a legacy package
// may carry it only in the LaTeX statement (\problemname, or a %% plainproblemname: comment).

#include <fstream>
#include <optional>
#include <sstream>

#include "package_parts.hpp"

namespace arena::judge::detail {

namespace fs = std::filesystem;

namespace {

std::optional<StatementFormat> formatFromExtension(std::string_view ext) {
  if (ext == "md") return StatementFormat::Markdown;
  if (ext == "tex") return StatementFormat::Latex;
  if (ext == "pdf") return StatementFormat::Pdf;
  if (ext == "html") return StatementFormat::Html;
  if (ext == "txt") return StatementFormat::Text;
  return std::nullopt;
}

// "problem.en.md" -> {en, md}; "problem.tex" -> {en, tex}; anything else -> nullopt.
std::optional<Statement> statementFromName(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.rfind("problem.", 0) != 0) return std::nullopt;
  std::string rest = name.substr(8);
  auto lastDot = rest.rfind('.');
  std::string language = "en";
  std::string ext = rest;
  if (lastDot != std::string::npos) {
    language = rest.substr(0, lastDot);
    ext = rest.substr(lastDot + 1);
  }
  auto format = formatFromExtension(ext);
  if (!format || language.empty()) return std::nullopt;
  return Statement{language, *format, path};
}

// The plain problem name from a LaTeX statement, if it states one.
std::string nameFromLatex(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  std::string fromCommand;
  int lines = 0;
  while (std::getline(in, line) && ++lines < 2000) {
    const std::string plainTag = "%% plainproblemname:";
    if (auto at = line.find(plainTag); at != std::string::npos) {
      std::string value = line.substr(at + plainTag.size());
      auto first = value.find_first_not_of(" \t");
      auto last = value.find_last_not_of(" \t\r");
      if (first != std::string::npos) return value.substr(first, last - first + 1);
    }
    const std::string command = "\\problemname{";
    if (auto at = line.find(command); at != std::string::npos && fromCommand.empty()) {
      // Up to the matching brace on the same line; nested braces are counted.
      int depth = 1;
      std::size_t i = at + command.size();
      std::string value;
      for (; i < line.size() && depth > 0; ++i) {
        if (line[i] == '{') ++depth;
        if (line[i] == '}') --depth;
        if (depth > 0) value += line[i];
      }
      if (depth == 0) fromCommand = value;
    }
  }
  return fromCommand;
}

}  // namespace

Result<void> readStatements(PackageContext& context, ProblemPackage& package) {
  const bool modern = package.format == PackageFormat::Kattis2025;
  const fs::path dir = context.root() / (modern ? "statement" : "problem_statement");
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    auto entries = listDirectory(context, dir);
    if (!entries) return std::unexpected(entries.error());
    for (const fs::directory_entry& entry : *entries) {
      if (!entry.is_regular_file(ec)) continue;
      auto statement = statementFromName(entry.path());
      if (!statement) continue;  // auxiliary files: images, included .tex
      if (modern && statement->format != StatementFormat::Markdown &&
          statement->format != StatementFormat::Latex &&
          statement->format != StatementFormat::Pdf) {
        context.warn(context.relative(entry.path()), "statement type not allowed in 2025-09");
      }
      package.statements.push_back(std::move(*statement));
    }
  }
  // DOMjudge's own statement files at the root (language unknown).
  for (std::string_view ext : {"pdf", "html", "txt"}) {
    const fs::path file = context.root() / ("problem." + std::string(ext));
    if (fs::is_regular_file(file, ec)) {
      package.statements.push_back(Statement{"", *formatFromExtension(ext), file});
    }
  }
  if (package.statements.empty()) {
    context.warn(modern ? "statement/" : "problem_statement/", "no problem statement found");
  }

  if (modern && !package.names.empty()) {
    std::set<std::string> statementLanguages;
    for (const Statement& statement : package.statements) {
      if (!statement.language.empty()) statementLanguages.insert(statement.language);
    }
    for (const auto& [language, name] : package.names) {
      if (!language.empty() && !statementLanguages.contains(language)) {
        context.warn("problem.yaml", "name." + language + ": no statement in that language");
      }
    }
  }

  if (package.name.empty()) {
    if (auto english = package.names.find("en"); english != package.names.end()) {
      package.name = english->second;
    } else if (!package.names.empty()) {
      package.name = package.names.begin()->second;
    }
  }
  if (package.name.empty()) {
    for (const Statement& statement : package.statements) {
      if (statement.format != StatementFormat::Latex) continue;
      std::string fromLatex = nameFromLatex(statement.path);
      if (!fromLatex.empty()) {
        package.name = fromLatex;
        package.names[statement.language] = fromLatex;
        break;
      }
    }
  }
  if (package.name.empty()) package.name = package.shortName;
  return {};
}

}  // namespace arena::judge::detail
