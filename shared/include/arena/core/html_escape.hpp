#pragma once
// Text made safe for HTML element content and double- or single-quoted attribute values: the
// pages the server writes (account sheets, static scoreboards) carry names users typed.

#include <string>
#include <string_view>

namespace arena {

inline std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace arena
