#include "features/proctor/account_sheet.hpp"

#include "arena/core/html_escape.hpp"

namespace arena::server::proctor {

std::string renderAccountSheet(const std::vector<SheetCard>& cards, std::string_view title) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
      escapeHtml(title) +
      "</title>\n<style>\n"
      "body{font-family:sans-serif;margin:1cm}\n"
      ".cards{display:grid;grid-template-columns:repeat(2,1fr);gap:0.5cm}\n"
      ".card{border:1px dashed #888;padding:0.4cm;break-inside:avoid;page-break-inside:avoid}\n"
      ".name{font-size:1.2em;font-weight:bold;margin-bottom:0.2cm}\n"
      ".field{font-family:monospace;font-size:1.1em}\n"
      "</style></head>\n<body>\n<h1>" +
      escapeHtml(title) + "</h1>\n<div class=\"cards\">\n";
  for (const SheetCard& card : cards) {
    html += "<div class=\"card\"><div class=\"name\">" + escapeHtml(card.displayName) +
            "</div>\n<div>Username: <span class=\"field\">" + escapeHtml(card.username) +
            "</span></div>\n<div>Password: <span class=\"field\">" + escapeHtml(card.password) +
            "</span></div></div>\n";
  }
  html += "</div>\n</body></html>\n";
  return html;
}

}  // namespace arena::server::proctor
