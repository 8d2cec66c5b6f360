#include "features/proctor/account_table.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace arena::server::proctor {

namespace {

struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

std::string lineError(int line, const std::string& message) {
  return "line " + std::to_string(line) + ": " + message;
}

std::string asciiLower(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return lower;
}

std::string trimSpaces(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// Splits the text into records. Fields of a record: quoted ones verbatim, unquoted ones trimmed.
class RecordReader {
 public:
  RecordReader(std::string_view text, char delimiter, std::size_t maxFieldBytes)
      : m_text(text), m_delimiter(delimiter), m_maxFieldBytes(maxFieldBytes) {}

  // The next non-blank record, nothing at the end, or the error of a malformed one.
  Result<std::optional<Record>> next() {
    while (m_pos < m_text.size()) {
      auto record = readRecord();
      if (!record) return std::unexpected(record.error());
      const bool blank = record->fields.size() == 1 && record->fields.front().empty() &&
                         !m_lastFieldQuoted;
      if (!blank) return std::optional<Record>(std::move(*record));
    }
    return std::optional<Record>{};
  }

 private:
  bool atLineEnd(char c) const { return c == '\n' || c == '\r'; }

  // Consumes one line break (CRLF, LF or CR) at m_pos.
  void consumeLineEnd() {
    if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
    ++m_pos;
    ++m_line;
  }

  Result<Record> readRecord() {
    Record record;
    record.line = m_line;
    std::string field;
    bool quoted = false;     // the current field began with a quote
    bool inQuotes = false;   // inside the quotes of a quoted field
    bool afterQuote = false; // the quoted field's closing quote was read
    auto finishField = [&]() -> Result<void> {
      std::string value = quoted ? std::move(field) : trimSpaces(field);
      if (value.size() > m_maxFieldBytes) {
        return fail(ErrorCode::InvalidArgument,
                    lineError(record.line, "a field is longer than " +
                                               std::to_string(m_maxFieldBytes) + " bytes"));
      }
      record.fields.push_back(std::move(value));
      m_lastFieldQuoted = quoted;
      field.clear();
      quoted = inQuotes = afterQuote = false;
      return {};
    };
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '\0') {
        return fail(ErrorCode::InvalidArgument, lineError(m_line, "the file contains a NUL byte"));
      }
      if (inQuotes) {
        if (c == '"') {
          if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
            field += '"';
            m_pos += 2;
          } else {
            inQuotes = false;
            afterQuote = true;
            ++m_pos;
          }
        } else if (atLineEnd(c)) {
          field += '\n';
          consumeLineEnd();
        } else {
          field += c;
          ++m_pos;
        }
        if (field.size() > m_maxFieldBytes + 1) {
          return fail(ErrorCode::InvalidArgument,
                      lineError(record.line, "a field is longer than " +
                                                 std::to_string(m_maxFieldBytes) + " bytes"));
        }
        continue;
      }
      if (c == m_delimiter) {
        ++m_pos;
        if (auto ok = finishField(); !ok) return std::unexpected(ok.error());
        continue;
      }
      if (atLineEnd(c)) {
        consumeLineEnd();
        if (auto ok = finishField(); !ok) return std::unexpected(ok.error());
        return record;
      }
      if (afterQuote) {
        if (c == ' ' || c == '\t') {
          ++m_pos;
          continue;
        }
        return fail(ErrorCode::InvalidArgument,
                    lineError(m_line, "text after a closing quote (write a quote inside a quoted "
                                      "field as \"\")"));
      }
      if (c == '"') {
        if (!trimSpaces(field).empty()) {
          return fail(ErrorCode::InvalidArgument,
                      lineError(m_line, "a quote inside an unquoted field (quote the whole field "
                                        "and double the quote)"));
        }
        field.clear();
        quoted = inQuotes = true;
        ++m_pos;
        continue;
      }
      field += c;
      ++m_pos;
      if (field.size() > m_maxFieldBytes + 64) {
        return fail(ErrorCode::InvalidArgument,
                    lineError(record.line, "a field is longer than " +
                                               std::to_string(m_maxFieldBytes) + " bytes"));
      }
    }
    if (inQuotes) {
      return fail(ErrorCode::InvalidArgument,
                  lineError(record.line, "a quoted field is never closed"));
    }
    if (auto ok = finishField(); !ok) return std::unexpected(ok.error());
    return record;
  }

  std::string_view m_text;
  char m_delimiter;
  std::size_t m_maxFieldBytes;
  std::size_t m_pos = 0;
  int m_line = 1;
  bool m_lastFieldQuoted = false;
};

enum class Column { Username, DisplayName, Email };

std::optional<Column> columnNamed(std::string_view header) {
  static const std::map<std::string, Column, std::less<>> kNames = {
      {"username", Column::Username},     {"user", Column::Username},
      {"login", Column::Username},        {"display_name", Column::DisplayName},
      {"display name", Column::DisplayName}, {"name", Column::DisplayName},
      {"team", Column::DisplayName},      {"team_name", Column::DisplayName},
      {"team name", Column::DisplayName}, {"email", Column::Email},
      {"e-mail", Column::Email},          {"mail", Column::Email},
  };
  const auto found = kNames.find(asciiLower(header));
  if (found == kNames.end()) return std::nullopt;
  return found->second;
}

// A header names the username column somewhere; no account is called "username".
bool looksLikeHeader(const Record& record) {
  return std::ranges::any_of(record.fields, [](const std::string& field) {
    const auto column = columnNamed(field);
    return column && *column == Column::Username;
  });
}

// The column layout a header declares: column index -> meaning.
Result<std::vector<Column>> headerLayout(const Record& header) {
  std::vector<Column> layout;
  for (const std::string& name : header.fields) {
    const auto column = columnNamed(name);
    if (!column) {
      return fail(ErrorCode::InvalidArgument,
                  lineError(header.line, "unknown column '" + name +
                                             "' (expected username, display_name, email)"));
    }
    if (std::ranges::find(layout, *column) != layout.end()) {
      return fail(ErrorCode::InvalidArgument,
                  lineError(header.line, "column '" + name + "' appears twice"));
    }
    layout.push_back(*column);
  }
  return layout;
}

}  // namespace

Result<std::vector<AccountRow>> parseAccountTable(std::string_view text, char delimiter,
                                                  const AccountTableLimits& limits) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());

  RecordReader reader(text, delimiter, limits.maxFieldBytes);
  std::vector<Column> layout = {Column::Username, Column::DisplayName, Column::Email};
  std::vector<AccountRow> rows;
  std::map<std::string, int, std::less<>> usernameLines;
  std::map<std::string, int, std::less<>> emailLines;
  bool first = true;
  while (true) {
    auto next = reader.next();
    if (!next) return std::unexpected(next.error());
    if (!*next) break;
    Record& record = **next;
    if (first) {
      first = false;
      if (looksLikeHeader(record)) {
        auto declared = headerLayout(record);
        if (!declared) return std::unexpected(declared.error());
        layout = std::move(*declared);
        continue;
      }
    }
    if (record.fields.size() > layout.size()) {
      return fail(ErrorCode::InvalidArgument,
                  lineError(record.line, std::to_string(record.fields.size()) +
                                             " columns, at most " + std::to_string(layout.size()) +
                                             " expected (username, display name, email)"));
    }
    if (rows.size() == limits.maxRows) {
      return fail(ErrorCode::InvalidArgument,
                  lineError(record.line, "more than " + std::to_string(limits.maxRows) +
                                             " accounts in one file"));
    }
    AccountRow row;
    row.line = record.line;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      switch (layout[i]) {
        case Column::Username: row.username = std::move(record.fields[i]); break;
        case Column::DisplayName: row.displayName = std::move(record.fields[i]); break;
        case Column::Email: row.email = std::move(record.fields[i]); break;
      }
    }
    if (row.username.empty()) {
      return fail(ErrorCode::InvalidArgument, lineError(row.line, "the username is empty"));
    }
    const auto [user, userIsNew] = usernameLines.emplace(asciiLower(row.username), row.line);
    if (!userIsNew) {
      return fail(ErrorCode::InvalidArgument,
                  lineError(row.line, "username '" + row.username + "' repeats line " +
                                          std::to_string(user->second)));
    }
    if (!row.email.empty()) {
      const auto [mail, mailIsNew] = emailLines.emplace(asciiLower(row.email), row.line);
      if (!mailIsNew) {
        return fail(ErrorCode::InvalidArgument,
                    lineError(row.line, "email '" + row.email + "' repeats line " +
                                            std::to_string(mail->second)));
      }
    }
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return fail(ErrorCode::InvalidArgument, "no accounts in the file");
  return rows;
}

}  // namespace arena::server::proctor
