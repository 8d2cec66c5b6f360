#pragma once
// The flag half of a program's settings: "--name value", "--name=value", and "--help"/"-h".
// Each program keeps its own table of flags; this walks the arguments against it, so every
// CodeArena program reads its command line the same way and says the same things when it can't.

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "arena/core/error.hpp"

namespace arena {

// Calls apply(flag, value) for each flag in order; "--help" and "-h" set `help` instead. A flag
// that `known` refuses is InvalidArgument "unknown argument '...'" (checked before its value),
// one without a value "--flag needs a value"; an error from apply stops the walk.
Result<void> forEachFlag(std::span<const std::string> args,
                         const std::function<bool(std::string_view flag)>& known,
                         const std::function<Result<void>(const std::string& flag,
                                                          const std::string& value)>& apply,
                         bool& help);

}  // namespace arena
