#pragma once
// The Contest API's two time formats (JSON_Format.md): TIME is an absolute instant in ISO 8601
// with milliseconds ("2026-03-15T09:00:00.000Z"); RELTIME is a signed duration "h:mm:ss.fff"
// (hours unbounded, "-0:05:00.000" before the start).
#include <chrono>
#include <string>

#include "arena/core/timestamp.hpp"

namespace arena::server::ccs_api {

std::string ccsTime(Timestamp instant);
std::string ccsRelTime(std::chrono::milliseconds duration);

}  // namespace arena::server::ccs_api
