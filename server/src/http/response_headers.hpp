#pragma once
// Headers every response carries: the request id, browser hardening (nosniff, no framing, no
// referrer, a CSP fit for a self-hosted single-page app), no-store on API answers, and CORS for
// origins on the allow-list only (echoed exactly, with Vary: Origin so caches keep them apart).

#include <string>
#include <string_view>
#include <vector>

#include "request.hpp"
#include "response.hpp"

namespace arena::server::http {

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

bool isApiPath(std::string_view path);
bool isOriginAllowed(std::string_view origin, const std::vector<std::string>& allowed);

// Sets a header unless the handler already set one of that name.
void setDefaultHeader(Response& response, std::string_view name, std::string value);
void addStandardHeaders(const Request& request, Response& response,
                        const std::vector<std::string>& corsOrigins);

}  // namespace arena::server::http
