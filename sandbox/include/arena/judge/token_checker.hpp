#pragma once
// The simplest output check: the program's output and the expected output are equal as
// sequences of whitespace-separated tokens (case-sensitive, no float tolerance). The Kattis
// default output validator (case_sensitive, space_change_sensitive, float tolerances) grows
// from here.

#include <string_view>

namespace arena::judge {

// True when both texts hold the same tokens in the same order; any amount or kind of ASCII
// whitespace (space, \t, \n, \r, \v, \f) separates tokens.
bool tokensMatch(std::string_view expected, std::string_view actual);

}  // namespace arena::judge
