#include "storage/sql/sql_script.hpp"

#include <cctype>

namespace arena::server::storage::sql {

namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::vector<std::string_view> splitSqlScript(std::string_view script) {
  std::vector<std::string_view> statements;
  // Where the current statement's first character other than comments and blanks is; leading
  // comments are left out so that error messages quote the statement itself.
  std::size_t start = 0;
  bool hasContent = false;
  std::size_t i = 0;
  const auto finish = [&](std::size_t end) {
    if (hasContent) {
      auto statement = script.substr(start, end - start);
      while (!statement.empty() && isSpace(statement.back())) statement.remove_suffix(1);
      statements.push_back(statement);
    }
    hasContent = false;
  };
  const auto content = [&] {
    if (!hasContent) start = i;
    hasContent = true;
  };
  while (i < script.size()) {
    const char c = script[i];
    const char next = i + 1 < script.size() ? script[i + 1] : '\0';
    if (c == '-' && next == '-') {
      while (i < script.size() && script[i] != '\n') ++i;
    } else if (c == '#') {
      while (i < script.size() && script[i] != '\n') ++i;
    } else if (c == '/' && next == '*') {
      i += 2;
      while (i + 1 < script.size() && !(script[i] == '*' && script[i + 1] == '/')) ++i;
      i += 2;
    } else if (c == '\'' || c == '"' || c == '`') {
      content();
      ++i;
      while (i < script.size() && script[i] != c) {
        if (script[i] == '\\' && c != '`') ++i;  // MySQL escapes inside string literals
        ++i;
      }
      ++i;
    } else if (c == ';') {
      finish(i);
      ++i;
    } else {
      if (!isSpace(c)) content();
      ++i;
    }
  }
  finish(script.size());
  return statements;
}

}  // namespace arena::server::storage::sql
