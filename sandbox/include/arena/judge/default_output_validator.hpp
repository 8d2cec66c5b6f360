#pragma once
// The default output validator of the Kattis problem package format: the team's output and the
// answer file are compared token by token, where tokens are separated by runs of the six ASCII
// whitespace bytes. Flags (the problem's validator arguments):
//   case_sensitive              tokens must match byte for byte (default: ASCII case ignored)
//   space_change_sensitive      every whitespace run, leading and trailing included, must match
//   float_absolute_tolerance e  an answer token that is a number accepts |s - a| <= e
//   float_relative_tolerance e  ... accepts |s - a| <= e * |a|
//   float_tolerance e           both of the above with the same e
// With any tolerance set, every answer token in the format's float grammar (integers included)
// is compared as a number, and the team token must then parse as a number too; other tokens
// are compared as strings. `nan` and `inf` are not numbers in that grammar.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"

namespace arena::judge {

struct DefaultValidatorFlags {
  bool caseSensitive = false;
  bool spaceChangeSensitive = false;
  std::optional<double> absoluteTolerance;
  std::optional<double> relativeTolerance;

  // Parses the argument list ("float_tolerance", "1e-6", "case_sensitive"). Unknown flags, a
  // missing or bad number, and a tolerance given twice are errors, as the format requires.
  static Result<DefaultValidatorFlags> parse(const std::vector<std::string>& args);
};

struct ValidatorVerdict {
  bool accepted = false;
  std::string judgeMessage;  // why it was rejected, for judgemessage.txt; empty when accepted
};

ValidatorVerdict validateOutput(std::string_view answer, std::string_view teamOutput,
                                const DefaultValidatorFlags& flags);

// Whether `token` is a number in the format's float grammar; its value if so.
std::optional<double> parseFloatToken(std::string_view token);

}  // namespace arena::judge
