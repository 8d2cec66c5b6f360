#pragma once
// The wire form of an error: {"error": {"type": "not_found", "message": "...", "status": 404}}.
// Servers build it from an arena::Error; clients read it back into one.

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"

namespace arena::protocol {

nlohmann::json apiErrorBody(const Error& error);

// Reads an error body received from a server. A body that is not in the error shape yields an
// Internal error that says so, so a client always has something to show.
Error parseApiErrorBody(const nlohmann::json& body, int httpStatus);

}  // namespace arena::protocol
