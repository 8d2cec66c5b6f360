#pragma once
// Strings that break code which splices values into SQL: each must be stored and read back
// byte for byte.

#include <array>
#include <string_view>

namespace arena::server::storage::testing {

inline constexpr std::array<std::string_view, 7> kTrickyStrings{
    "'; DROP TABLE users; --",
    "Robert'); DELETE FROM submissions; /*",
    "\"double\" and 'single' quotes, `backticks`",
    "back\\slash \\' \\\" \\\\ and a trailing backslash\\",
    "placeholders ? ?? :name $1 %s %_ LIKE wildcards",
    "line\nbreaks\r\n\ttabs and trailing space ",
    "Unicode: Ünïcødé, 日本語, עברית, emoji 🚀👩‍💻",
};

}  // namespace arena::server::storage::testing
