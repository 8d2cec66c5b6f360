// Programs in a package (validators, submissions): a file, or a directory that is one program.
// The language is guessed from file extensions with the Kattis languages table; a directory
// with `build`/`run` scripts has no language, it builds itself.

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "package_parts.hpp"

namespace arena::judge {

namespace fs = std::filesystem;

std::string languageFromFileName(const fs::path& file) {
  // Kattis appendix "Languages" (extensions in parentheses there are left out, as it says).
  static const std::map<std::string, std::string, std::less<>> kByExtension = {
      {".adb", "ada"},
      {".ads", "ada"},
      {".a68", "algol68"},
      {".apl", "apl"},
      {".sh", "bash"},
      {".c", "c"},
      {".cob", "cobol"},
      {".cc", "cpp"},
      {".cpp", "cpp"},
      {".cxx", "cpp"},
      {".c++", "cpp"},
      {".C", "cpp"},
      {".cr", "crystal"},
      {".cs", "csharp"},
      {".d", "d"},
      {".dart", "dart"},
      {".ex", "elixir"},
      {".erl", "erlang"},
      {".fth", "forth"},
      {".4th", "forth"},
      {".forth", "forth"},
      {".frt", "forth"},
      {".f90", "fortran"},
      {".fs", "fsharp"},
      {".ss", "gerbil"},
      {".go", "go"},
      {".hs", "haskell"},
      {".java", "java"},
      {".js", "javascript"},
      {".jl", "julia"},
      {".kt", "kotlin"},
      {".lisp", "lisp"},
      {".cl", "lisp"},
      {".lua", "lua"},
      {".mod", "modula2"},
      {".def", "modula2"},
      {".nim", "nim"},
      {".m", "objectivec"},
      {".ml", "ocaml"},
      {".odin", "odin"},
      {".pas", "pascal"},
      {".pm", "perl"},
      {".php", "php"},
      {".pl", "prolog"},
      {".py2", "python2"},
      {".py", "python3"},
      {".py3", "python3"},
      {".rkt", "racket"},
      {".rb", "ruby"},
      {".rs", "rust"},
      {".scala", "scala"},
      {".sim", "simula"},
      {".st", "smalltalk"},
      {".sno", "snobol"},
      {".swift", "swift"},
      {".ts", "typescript"},
      {".vb", "visualbasic"},
      {".zig", "zig"},
      {".ctd", "checktestdata"},
      {".viva", "viva"},
  };
  const std::string ext = file.extension().string();
  if (auto it = kByExtension.find(ext); it != kByExtension.end()) return it->second;
  return "";
}

namespace detail {

namespace {

// Legacy rule: a .py file is Python 2 when its shebang says so.
std::string refinePython(const fs::path& file, std::string language) {
  if (language != "python3") return language;
  std::ifstream in(file, std::ios::binary);
  std::string firstLine;
  std::getline(in, firstLine);
  if (firstLine.rfind("#!", 0) == 0 && firstLine.find("python2") != std::string::npos) {
    return "python2";
  }
  return language;
}

}  // namespace

Result<ProgramSource> readProgram(const PackageContext& context, const fs::path& path) {
  ProgramSource program;
  program.path = path;
  program.name = context.relative(path);
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    program.files.push_back(path);
    program.language = refinePython(path, languageFromFileName(path));
    return program;
  }
  program.isDirectory = true;
  std::vector<fs::path> pending{path};
  while (!pending.empty()) {
    fs::path dir = pending.back();
    pending.pop_back();
    auto entries = listDirectory(context, dir);
    if (!entries) return std::unexpected(entries.error());
    for (const fs::directory_entry& entry : *entries) {
      if (entry.is_directory(ec)) {
        pending.push_back(entry.path());
      } else if (entry.is_regular_file(ec)) {
        program.files.push_back(entry.path());
      }
    }
  }
  std::sort(program.files.begin(), program.files.end());
  if (program.files.empty())
    return context.fail(program.name + "/", "is an empty program directory");
  program.hasBuildScript = fs::exists(path / "build", ec);
  program.hasRunScript = fs::exists(path / "run", ec);
  if (program.hasBuildScript || program.hasRunScript) return program;
  std::set<std::string> languages;
  for (const fs::path& file : program.files) {
    std::string language = refinePython(file, languageFromFileName(file));
    if (!language.empty()) languages.insert(language);
  }
  // Mixed languages stay "": the spec says building such a program fails.
  if (languages.size() == 1) program.language = *languages.begin();
  return program;
}

}  // namespace detail

}  // namespace arena::judge
