#pragma once
// One structured JSON line per event on stderr, written with a single write so lines from
// concurrent requests never interleave.

#include <nlohmann/json.hpp>

namespace arena::server::http {

// Adds "ts" (UTC, milliseconds) when the event has none.
void logJsonLine(nlohmann::json event);

}  // namespace arena::server::http
