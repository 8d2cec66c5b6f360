#include "request.hpp"

#include <stdexcept>

#include "text_util.hpp"

namespace arena::server::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (equalsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::optional<std::string> Request::queryParam(std::string_view name) const {
  const auto found = query.find(std::string(name));
  if (found == query.end()) return std::nullopt;
  return found->second;
}

const std::string& Request::pathParam(const std::string& name) const {
  const auto found = pathParams.find(name);
  // A handler asking for a placeholder its pattern does not have is a programming error.
  if (found == pathParams.end()) throw std::logic_error("no path parameter '" + name + "'");
  return found->second;
}

}  // namespace arena::server::http
