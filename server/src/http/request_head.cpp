#include "request_head.hpp"

#include "text_util.hpp"

namespace arena::server::http {

namespace {

// RFC 9110 5.6.2 tchar.
bool isTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

bool isToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!isTokenChar(c)) return false;
  }
  return true;
}

// Visible ASCII and obs-text; `allowBlank` admits space and tab (header values).
bool isFieldText(std::string_view text, bool allowBlank) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == 0x7f) return false;
    if (byte < 0x20 && !(allowBlank && byte == '\t')) return false;
    if (byte == ' ' && !allowBlank) return false;
  }
  return true;
}

// Whether a comma-separated header value lists `token` (case-insensitively).
bool listsToken(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    if (equalsIgnoreCase(trimAscii(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::optional<RequestHead> parseSimpleRequestHead(std::string_view bytes) {
  const auto end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) return std::nullopt;  // incomplete (or no head at all)
  RequestHead head;
  head.size = end + 4;
  std::string_view rest = bytes.substr(0, end + 2);  // every line with its CRLF

  auto nextLine = [&rest]() -> std::optional<std::string_view> {
    const auto crlf = rest.find("\r\n");
    if (crlf == std::string_view::npos) return std::nullopt;
    const std::string_view line = rest.substr(0, crlf);
    rest.remove_prefix(crlf + 2);
    // A bare CR or LF inside a line is how request smuggling starts: decline.
    if (hasLineBreak(line)) return std::nullopt;
    return line;
  };

  // Request line: method SP target SP HTTP/1.1, single spaces.
  const auto requestLine = nextLine();
  if (!requestLine) return std::nullopt;
  const auto firstSpace = requestLine->find(' ');
  const auto lastSpace = requestLine->rfind(' ');
  if (firstSpace == std::string_view::npos || lastSpace == firstSpace) return std::nullopt;
  head.method = requestLine->substr(0, firstSpace);
  head.target = requestLine->substr(firstSpace + 1, lastSpace - firstSpace - 1);
  if (requestLine->substr(lastSpace + 1) != "HTTP/1.1") return std::nullopt;
  if (head.method.size() > kMaxSimpleMethod || !isToken(head.method)) return std::nullopt;
  if (head.target.empty() || head.target.size() > kMaxSimpleTarget ||
      !isFieldText(head.target, false)) {
    return std::nullopt;
  }

  while (!rest.empty()) {
    const auto line = nextLine();
    if (!line || line->empty()) return std::nullopt;
    const auto colon = line->find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view name = line->substr(0, colon);
    const std::string_view value = trimAscii(line->substr(colon + 1));
    // isToken also refuses a leading blank (obsolete line folding) and "Name :".
    if (name.size() > kMaxSimpleHeaderName || !isToken(name)) return std::nullopt;
    if (value.size() > kMaxSimpleHeaderValue || !isFieldText(value, true)) return std::nullopt;
    if (head.headers.size() == kMaxSimpleHeaders) return std::nullopt;

    if (equalsIgnoreCase(name, "content-length")) {
      if (value != "0") return std::nullopt;  // a body: Poco reads it, bounded
    } else if (equalsIgnoreCase(name, "transfer-encoding") || equalsIgnoreCase(name, "upgrade") ||
               equalsIgnoreCase(name, "expect")) {
      return std::nullopt;
    } else if (equalsIgnoreCase(name, "connection") && listsToken(value, "close")) {
      head.keepAlive = false;
    }
    head.headers.emplace_back(name, value);
  }
  return head;
}

}  // namespace arena::server::http
