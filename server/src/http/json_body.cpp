#include "json_body.hpp"

#include <algorithm>
#include <string>

namespace arena::server::http {

namespace {

// The nesting depth of JSON text, counting only brackets outside strings. Stops early once
// past `limit`, so hostile input costs one linear scan and nothing recursive.
int nestingDepth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool inString = false;
  bool escaped = false;
  for (char c : text) {
    if (inString) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        inString = false;
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// nlohmann says "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error
// while parsing value - unexpected '}'; ..."; keep only what follows the location.
std::string reason(const std::string& what) {
  const auto colon = what.find(": ");
  std::string text = colon == std::string::npos ? what : what.substr(colon + 2);
  if (text.rfind("syntax error while parsing value - ", 0) == 0) {
    text.erase(0, std::string("syntax error while parsing value - ").size());
  }
  if (text.size() > 200) text.resize(200);
  return text;
}

}  // namespace

Result<nlohmann::json> parseJsonObject(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return fail(ErrorCode::InvalidArgument, "the body is empty; expected a JSON object");
  }
  if (nestingDepth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    return fail(ErrorCode::InvalidArgument,
                "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    return fail(ErrorCode::InvalidArgument,
                "malformed JSON at byte " + std::to_string(e.byte) + ": " + reason(e.what()));
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range.406 "number overflow parsing '1e999'"
    return fail(ErrorCode::InvalidArgument, "malformed JSON: " + reason(e.what()));
  }
  if (!value.is_object()) {
    return fail(ErrorCode::InvalidArgument, "the body must be a JSON object");
  }
  return value;
}

Result<nlohmann::json> jsonBody(const Request& request) { return parseJsonObject(request.body); }

}  // namespace arena::server::http
