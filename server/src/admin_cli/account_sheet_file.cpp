#include "admin_cli/account_sheet_file.hpp"

#include "features/proctor/account_sheet.hpp"

namespace arena::server::admin {

std::string renderSheetFromJson(const nlohmann::json& accounts, const std::string& title) {
  std::vector<proctor::SheetCard> cards;
  if (accounts.is_array()) {
    for (const auto& account : accounts) {
      if (!account.is_object()) continue;
      cards.push_back({account.value("display_name", ""), account.value("username", ""),
                       account.value("password", "")});
    }
  }
  return proctor::renderAccountSheet(cards, title);
}

}  // namespace arena::server::admin
