#pragma once
// The printable sheet of imported accounts: one card per account (display name, username,
// password), laid out to be cut apart and handed to contestants. Every value is HTML-escaped:
// display names come from an uploaded file. Its own small library, so arena-admin renders the
// same sheet from the JSON answer of an import.

#include <string>
#include <string_view>
#include <vector>

namespace arena::server::proctor {

struct SheetCard {
  std::string displayName;
  std::string username;
  std::string password;
};

// A complete HTML document. `title` heads the page (escaped too).
std::string renderAccountSheet(const std::vector<SheetCard>& cards, std::string_view title);

}  // namespace arena::server::proctor
