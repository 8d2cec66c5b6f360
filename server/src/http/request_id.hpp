#pragma once
// Request ids tie a response, its log line and a user's bug report together. A caller's own
// X-Request-Id is kept when it is a short token (so a proxy's id flows through); anything else
// (long, odd characters that could forge log fields) is replaced by 16 random hex characters.

#include <string>
#include <string_view>

#include "request.hpp"

namespace arena::server::http {

bool isSaneRequestId(std::string_view id);
std::string generateRequestId();
// Sets request.requestId from X-Request-Id or a fresh one, unless it is already sane.
void ensureRequestId(Request& request);

}  // namespace arena::server::http
