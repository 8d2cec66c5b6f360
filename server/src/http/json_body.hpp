#pragma once
// The request body as a JSON object, or an InvalidArgument that names the problem
// ("malformed JSON at byte 17: unexpected '}'", "the body must be a JSON object").

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "request.hpp"

namespace arena::server::http {

// Nesting deeper than this is refused before parsing: nlohmann's parser is recursive, and
// 100000 '[' would otherwise exhaust the stack.
inline constexpr int kMaxJsonDepth = 64;

Result<nlohmann::json> jsonBody(const Request& request);
// The same for any text (used by jsonBody; handy for other JSON inputs).
Result<nlohmann::json> parseJsonObject(std::string_view text);

}  // namespace arena::server::http
