#pragma once
// What a question, an answer or an announcement may be: non-blank valid UTF-8 of bounded length,
// with line breaks and tabs but no other control characters (they would reach every screen and
// the printed jury log).

#include <cstddef>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena::server::clarifications {

// The text with surrounding whitespace removed, or InvalidArgument naming `field`.
Result<std::string> checkClarificationText(std::string_view text, std::string_view field,
                                           std::size_t maxBytes);

}  // namespace arena::server::clarifications
