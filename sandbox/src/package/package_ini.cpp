// DOMjudge's domjudge-problem.ini: one `key = value` per line; the value may be quoted with
// double or single quotes, and a quoted value may span lines. Lines starting with ';' or '#'
// are comments, as in PHP's ini files that DOMjudge reads them with.

#include <fstream>
#include <sstream>

#include "package_parts.hpp"

namespace arena::judge::detail {

namespace {

std::string trim(std::string_view text) {
  const char* kSpace = " \t\r";
  auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> parseDomjudgeIni(
    const PackageContext& context, const std::filesystem::path& file) {
  const std::string name = "domjudge-problem.ini";
  std::error_code ec;
  if (std::filesystem::file_size(file, ec) > 64 * 1024 && !ec) {
    return context.fail(name, "is larger than 64 KiB");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return context.fail(name, "cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t pos = 0;
  int line = 1;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string current = trim(std::string_view(text).substr(pos, end - pos));
    const int lineNumber = line;
    pos = end + 1;
    ++line;
    if (current.empty() || current[0] == ';' || current[0] == '#') continue;
    auto eq = current.find('=');
    if (eq == std::string::npos) {
      return context.fail(name, "line " + std::to_string(lineNumber) + ": expected key = value");
    }
    std::string key = trim(std::string_view(current).substr(0, eq));
    if (key.empty())
      return context.fail(name, "line " + std::to_string(lineNumber) + ": empty key");
    std::string value = trim(std::string_view(current).substr(eq + 1));
    if (!value.empty() && (value[0] == '"' || value[0] == '\'')) {
      // A quoted value ends at the matching quote, possibly on a later line.
      const char quote = value[0];
      std::string rest = value.substr(1);
      std::string collected;
      std::size_t close = rest.find(quote);
      if (close != std::string::npos) {
        collected = rest.substr(0, close);
      } else {
        collected = rest;
        bool closed = false;
        while (pos <= text.size() && !closed) {
          std::size_t next = text.find('\n', pos);
          if (next == std::string::npos) next = text.size();
          std::string_view piece = std::string_view(text).substr(pos, next - pos);
          pos = next + 1;
          ++line;
          auto at = piece.find(quote);
          collected += '\n';
          if (at != std::string_view::npos) {
            collected += piece.substr(0, at);
            closed = true;
          } else {
            collected += piece;
          }
          if (next == text.size()) break;
        }
        if (!closed) {
          return context.fail(name, "line " + std::to_string(lineNumber) + ": unterminated quote");
        }
      }
      value = collected;
    }
    pairs.emplace_back(std::move(key), std::move(value));
  }
  return pairs;
}

}  // namespace arena::judge::detail
