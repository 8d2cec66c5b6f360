// Table-driven tests of the Kattis default output validator: each row is flags, the answer file,
// the team output, and whether it is accepted.

#include "arena/judge/default_output_validator.hpp"

#include <gtest/gtest.h>

namespace arena::judge {
namespace {

struct Row {
  const char* flags;
  std::string answer;
  std::string output;
  bool accepted;
};

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

void expectRows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    const auto flags = DefaultValidatorFlags::parse(split(row.flags));
    ASSERT_TRUE(flags.has_value()) << row.flags;
    const auto verdict = validateOutput(row.answer, row.output, *flags);
    EXPECT_EQ(verdict.accepted, row.accepted)
        << "flags '" << row.flags << "' answer '" << row.answer << "' output '" << row.output
        << "': " << verdict.judgeMessage;
    EXPECT_EQ(verdict.judgeMessage.empty(), verdict.accepted);
  }
}

TEST(DefaultOutputValidatorTest, WhitespaceIsOnlyASeparatorByDefault) {
  expectRows({
      {"", "", "", true},
      {"", "", " \n\t\r\f\v", true},
      {"", "", "0", false},
      {"", "A B", "A B", true},
      {"", "A B", " A  B \t\n", true},
      {"", "A B\n", "A\nB", true},
      {"", "A B", "A B X", false},
      {"", "A B", "X A B", false},
      {"", "A B", "A", false},
      {"", "A B", "AB", false},
      {"", "1 2 3\n", "1 2 3\n\n\n\n", true},
  });
}

TEST(DefaultOutputValidatorTest, SpaceChangeSensitiveComparesEveryWhitespaceRun) {
  expectRows({
      {"space_change_sensitive", "", "", true},
      {"space_change_sensitive", "", "\n", false},
      {"space_change_sensitive", "A B\n", "A B\n", true},
      {"space_change_sensitive", "A B\n", "A B", false},
      {"space_change_sensitive", "A B\n", "A  B\n", false},
      {"space_change_sensitive", "A B\n", "A\tB\n", false},
      {"space_change_sensitive", "A B\n", " A B\n", false},
      {"space_change_sensitive", "A B\n", "A B\n\n", false},
      {"space_change_sensitive", "A B\n", "A B \n", false},
      {"space_change_sensitive", "A B\r\n", "A B\n", false},
      {"space_change_sensitive", "a B\n", "A b\n", true},
  });
}

TEST(DefaultOutputValidatorTest, CaseIsIgnoredForAsciiLettersOnly) {
  expectRows({
      {"", "Yes", "YES", true},
      {"", "Yes", "yes", true},
      {"case_sensitive", "Yes", "YES", false},
      {"case_sensitive", "Yes", "Yes", true},
      // Non-ASCII bytes compare exactly even without case_sensitive.
      {"", "\xC3\xA9t\xC3\xA9", "\xC3\x89T\xC3\x89", false},
      {"", "\xC3\xA9t\xC3\xA9", "\xC3\xA9T\xC3\xA9", true},
  });
}

TEST(DefaultOutputValidatorTest, WithoutToleranceNumbersAreStrings) {
  expectRows({
      {"", "1.0", "1.0", true},
      {"", "1.0", "1", false},
      {"", "1e-7", "0.0000001", false},
      {"", "0.5", ".5", false},
  });
}

TEST(DefaultOutputValidatorTest, AbsoluteTolerance) {
  expectRows({
      {"float_absolute_tolerance 1e-6", "1.0", "1.0000009", true},
      {"float_absolute_tolerance 1e-6", "1.0", "1.0000011", false},
      {"float_absolute_tolerance 1e-6", "1000000", "1000000.0000009", true},
      {"float_absolute_tolerance 1e-6", "1000000", "1000000.1", false},
      {"float_absolute_tolerance 0", "2", "2.0", true},
  });
}

TEST(DefaultOutputValidatorTest, RelativeTolerance) {
  expectRows({
      {"float_relative_tolerance 1e-6", "1000000", "1000000.9", true},
      {"float_relative_tolerance 1e-6", "1000000", "1000001.1", false},
      {"float_relative_tolerance 1e-6", "0", "0.0000000001", false},
      {"float_relative_tolerance 1e-6", "-2.5", "-2.5000024", true},
  });
}

TEST(DefaultOutputValidatorTest, EitherToleranceSufficesWhenBothAreGiven) {
  expectRows({
      {"float_tolerance 1e-6", "0", "0.0000009", true},
      {"float_tolerance 1e-6", "1000000", "1000000.9", true},
      {"float_tolerance 1e-6", "1000000", "1000002", false},
      {"float_absolute_tolerance 1e-3 float_relative_tolerance 1e-9", "5", "5.0009", true},
      {"float_absolute_tolerance 1e-9 float_relative_tolerance 1e-3", "5", "5.004", true},
      {"float_absolute_tolerance 1e-9 float_relative_tolerance 1e-3", "5", "5.006", false},
  });
}

TEST(DefaultOutputValidatorTest, OnceAToleranceIsGivenIntegersCompareAsFloats) {
  expectRows({
      {"float_tolerance 1e-6", "3", "3.0000000001", true},
      {"float_tolerance 1e-6", "3", "3.000", true},
      {"float_tolerance 1e-6", "1e-7", "0.0000001", true},
      {"float_tolerance 1e-6", "0.0000001", "1E-7", true},
      {"float_tolerance 1e-6", "5.", "5", true},
      {"float_tolerance 1e-6", ".5", "0.5", true},
      {"float_tolerance 1e-6", "+1.5", "1.5", true},
  });
}

TEST(DefaultOutputValidatorTest, NonNumbersStayStringsUnderTolerance) {
  expectRows({
      // An answer token outside the float grammar is compared as a string.
      {"float_tolerance 1e-6", "nan", "nan", true},
      {"float_tolerance 1e-6", "nan", "NaN", true},
      {"float_tolerance 1e-6", "nan", "0", false},
      {"float_tolerance 1e-6", "impossible", "IMPOSSIBLE", true},
      // A numeric answer demands a numeric team token.
      {"float_tolerance 1e-6", "1.0", "nan", false},
      {"float_tolerance 1e-6", "1.0", "inf", false},
      {"float_tolerance 1e-6", "1.0", "0x1p0", false},
      {"float_tolerance 1e-6", "1.0", "1.0.0", false},
      {"float_tolerance 1e-6", "1.0", "1e", false},
      {"float_tolerance 1e-6", "1.0", "one", false},
      {"float_tolerance 1e-6", "Case 1: 2.5", "case 1: 2.5000001", true},
  });
}

TEST(DefaultOutputValidatorTest, VeryLongTokensAndOutputs) {
  const std::string longToken(1 << 20, '7');
  std::string almost = longToken;
  almost.back() = '8';
  expectRows({
      {"", longToken, longToken, true},
      {"", longToken, almost, false},
      {"case_sensitive", longToken + "\n", longToken + "\n", true},
      {"float_tolerance 1e-6", "1." + std::string(40, '0'), "1." + std::string(39, '0') + "1",
       true},
  });
  std::string many;
  for (int i = 0; i < 200000; ++i) many += std::to_string(i) + (i % 10 == 9 ? "\n" : " ");
  expectRows({{"", many, many, true}, {"", many, many + "0", false}});
}

TEST(DefaultOutputValidatorTest, RejectionMessagesSayWhereAndWhat) {
  const auto flags = DefaultValidatorFlags::parse({});
  ASSERT_TRUE(flags);
  EXPECT_EQ(validateOutput("1 2 3", "1 5 3", *flags).judgeMessage,
            "wrong answer on token 2: expected '2', got '5'");
  EXPECT_EQ(validateOutput("1 2", "1", *flags).judgeMessage,
            "output ended early: token 2 should be '2'");
  EXPECT_EQ(validateOutput("1", "1 2", *flags).judgeMessage,
            "too much output: token 2 is '2' but the answer has ended");
  EXPECT_NE(validateOutput("x", std::string(100, 'y'), *flags).judgeMessage.find("(100 bytes)"),
            std::string::npos);
}

TEST(DefaultOutputValidatorTest, FlagErrors) {
  for (const char* bad :
       {"float_tolerance", "float_tolerance abc", "float_tolerance -1", "float_tolerance nan",
        "float_tolerance 1e-6 float_tolerance 1e-6",
        "float_tolerance 1e-6 float_absolute_tolerance 1e-6",
        "float_relative_tolerance 1e-6 float_tolerance 1e-6",
        "float_absolute_tolerance 1 float_absolute_tolerance 2", "case_insensitive", "-v"}) {
    const auto flags = DefaultValidatorFlags::parse(split(bad));
    EXPECT_FALSE(flags.has_value()) << bad;
  }
  const auto both = DefaultValidatorFlags::parse(
      split("float_absolute_tolerance 0.1 float_relative_tolerance 0.2 case_sensitive"));
  ASSERT_TRUE(both.has_value());
  EXPECT_EQ(both->absoluteTolerance, 0.1);
  EXPECT_EQ(both->relativeTolerance, 0.2);
  EXPECT_TRUE(both->caseSensitive);
}

TEST(DefaultOutputValidatorTest, FloatGrammar) {
  for (const char* good : {"0", "-0", "+3", "3.", ".5", "1.5e10", "1E-7", "-.5e+3", "007"}) {
    EXPECT_TRUE(parseFloatToken(good).has_value()) << good;
  }
  for (const char* bad : {"", ".", "-", "e5", "1e", "1e+", "nan", "inf", "-inf", "0x10", "1,5",
                          "1.5.", "١"}) {
    EXPECT_FALSE(parseFloatToken(bad).has_value()) << bad;
  }
  EXPECT_EQ(parseFloatToken("1e-7"), 1e-7);
  EXPECT_EQ(parseFloatToken("0.0000001"), 1e-7);
}

}  // namespace
}  // namespace arena::judge
