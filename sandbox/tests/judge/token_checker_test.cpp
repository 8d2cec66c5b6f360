#include "arena/judge/token_checker.hpp"

#include <gtest/gtest.h>

namespace arena::judge {
namespace {

struct Case {
  const char* name;
  std::string_view expected;
  std::string_view actual;
  bool match;
};

class TokenCheckerTest : public ::testing::TestWithParam<Case> {};

TEST_P(TokenCheckerTest, ComparesTokenByToken) {
  EXPECT_EQ(tokensMatch(GetParam().expected, GetParam().actual), GetParam().match);
  EXPECT_EQ(tokensMatch(GetParam().actual, GetParam().expected), GetParam().match);  // symmetric
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenCheckerTest,
    ::testing::Values(Case{"Identical", "1 2 3\n", "1 2 3\n", true},
                      Case{"TrailingNewlineMissing", "42\n", "42", true},
                      Case{"ExtraSpacesAndBlankLines", "a b\nc\n", "  a\t\tb\n\n\nc  \r\n", true},
                      Case{"CrLf", "x\r\ny\r\n", "x\ny\n", true},
                      Case{"BothEmpty", "", "", true},
                      Case{"OnlyWhitespace", " \n\t", "", true},
                      Case{"DifferentToken", "1 2 3", "1 2 4", false},
                      Case{"MissingToken", "1 2 3", "1 2", false},
                      Case{"ExtraToken", "1 2", "1 2 3", false},
                      Case{"CaseMatters", "Yes", "YES", false},
                      Case{"NoFloatTolerance", "0.5", "0.50", false},
                      Case{"TokensDoNotMerge", "ab", "a b", false},
                      Case{"EmptyVersusToken", "", "0", false},
                      Case{"NulIsNotWhitespace", std::string_view("a\0b", 3), "a b", false}),
    [](const auto& testInfo) { return std::string(testInfo.param.name); });

}  // namespace
}  // namespace arena::judge
