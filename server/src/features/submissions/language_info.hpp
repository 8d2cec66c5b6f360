#pragma once
// What the server tells clients about a language it judges (GET /api/languages), and what the
// submission service checks a submission's language against. The composition root builds these
// from the judge's LanguageTable, so the list answered and the list accepted are the same list.

#include <string>
#include <vector>

namespace arena::server::submissions {

struct LanguageInfo {
  std::string id;                       // stored with the submission: "cpp17"
  std::string name;                     // for people: "C++17 (g++ 12)"
  std::vector<std::string> extensions;  // file extensions editors map to it: ".cpp", ".cc"
  std::vector<std::string> aliases;     // other names accepted at submit, stored as `id`
};

}  // namespace arena::server::submissions
