#pragma once
// The sheet arena-admin writes after an import: the server's JSON answer
// ({"accounts":[{username, display_name, password, ...}]}) rendered with the same printable
// layout the server's ?format=html gives.

#include <string>

#include <nlohmann/json.hpp>

namespace arena::server::admin {

std::string renderSheetFromJson(const nlohmann::json& accounts, const std::string& title);

}  // namespace arena::server::admin
