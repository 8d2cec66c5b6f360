#include "storage/storage_url.hpp"

#include <charconv>
#include <optional>

namespace arena::server::storage {

namespace {

constexpr std::string_view kSqliteScheme = "sqlite://";
constexpr std::string_view kMysqlScheme = "mysql://";

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hexValue(text[i + 1]);
    const int low = hexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

Result<StorageUrl> parseSqlite(std::string_view rest) {
  if (rest == ":memory:") return SqliteUrl{":memory:"};
  if (!rest.starts_with('/')) {
    return fail(
        ErrorCode::InvalidArgument,
        "sqlite URL needs an absolute path (sqlite:///var/lib/codearena/arena.db) or :memory:");
  }
  if (rest.size() < 2) return fail(ErrorCode::InvalidArgument, "sqlite URL has no file name");
  return SqliteUrl{std::string{rest}};
}

Result<StorageUrl> parseMysql(std::string_view rest) {
  const auto bad = [](std::string_view why) {
    return fail(ErrorCode::InvalidArgument,
                "bad mysql URL (" + std::string{why} +
                    "); expected mysql://user:password@host:port/database");
  };
  const auto at = rest.rfind('@');
  if (at == std::string_view::npos) return bad("no user@");
  const auto credentials = rest.substr(0, at);
  auto location = rest.substr(at + 1);

  MysqlUrl url;
  const auto colon = credentials.find(':');
  auto user = percentDecode(credentials.substr(0, colon));
  auto password = percentDecode(colon == std::string_view::npos ? std::string_view{}
                                                                : credentials.substr(colon + 1));
  if (!user || !password) return bad("bad percent-encoding in user or password");
  if (user->empty()) return bad("empty user");
  url.user = std::move(*user);
  url.password = std::move(*password);

  const auto slash = location.find('/');
  if (slash == std::string_view::npos) return bad("no /database");
  url.database = std::string{location.substr(slash + 1)};
  if (url.database.empty() || url.database.find_first_of("/?#") != std::string::npos)
    return bad("bad database name");
  auto hostPort = location.substr(0, slash);
  const auto portColon = hostPort.rfind(':');
  if (portColon != std::string_view::npos) {
    const auto portText = hostPort.substr(portColon + 1);
    unsigned int port = 0;
    const auto [end, ec] =
        std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (ec != std::errc{} || end != portText.data() + portText.size() || port == 0 ||
        port > 65535) {
      return bad("bad port");
    }
    url.port = static_cast<std::uint16_t>(port);
    hostPort = hostPort.substr(0, portColon);
  }
  if (hostPort.empty()) return bad("empty host");
  url.host = std::string{hostPort};
  return url;
}

}  // namespace

Result<StorageUrl> parseStorageUrl(std::string_view url) {
  if (url.starts_with(kSqliteScheme)) return parseSqlite(url.substr(kSqliteScheme.size()));
  if (url.starts_with(kMysqlScheme)) return parseMysql(url.substr(kMysqlScheme.size()));
  return fail(ErrorCode::InvalidArgument,
              "unknown database URL scheme: expected sqlite:// or mysql://");
}

}  // namespace arena::server::storage
