// Verdict names people write (DOMjudge tags, Kattis names) and language guessing by extension.

#include <gtest/gtest.h>

#include "arena/judge/problem_package.hpp"

namespace arena::judge {
namespace {

using model::Verdict;
using Verdicts = std::set<Verdict>;

TEST(ExpectedVerdictsTest, DomjudgeNames) {
  EXPECT_EQ(parseExpectedVerdicts("CORRECT").value(), (Verdicts{Verdict::Accepted}));
  EXPECT_EQ(parseExpectedVerdicts("WRONG-ANSWER").value(), (Verdicts{Verdict::WrongAnswer}));
  EXPECT_EQ(parseExpectedVerdicts("TIMELIMIT").value(), (Verdicts{Verdict::TimeLimitExceeded}));
  EXPECT_EQ(parseExpectedVerdicts("RUN-ERROR").value(), (Verdicts{Verdict::RuntimeError}));
  EXPECT_EQ(parseExpectedVerdicts("COMPILER-ERROR").value(), (Verdicts{Verdict::CompileError}));
  EXPECT_EQ(parseExpectedVerdicts("OUTPUT-LIMIT").value(),
            (Verdicts{Verdict::OutputLimitExceeded}));
  EXPECT_EQ(parseExpectedVerdicts("MEMORY-LIMIT").value(),
            (Verdicts{Verdict::MemoryLimitExceeded}));
  EXPECT_EQ(parseExpectedVerdicts("NO-OUTPUT").value(), (Verdicts{Verdict::WrongAnswer}));
}

TEST(ExpectedVerdictsTest, SeveralOutcomesAndSpellings) {
  EXPECT_EQ(parseExpectedVerdicts("CORRECT, TIMELIMIT").value(),
            (Verdicts{Verdict::Accepted, Verdict::TimeLimitExceeded}));
  EXPECT_EQ(parseExpectedVerdicts("time_limit_exceeded,run_time_error").value(),
            (Verdicts{Verdict::TimeLimitExceeded, Verdict::RuntimeError}));
  EXPECT_EQ(parseExpectedVerdicts("AC WA TLE RTE").value(),
            (Verdicts{Verdict::Accepted, Verdict::WrongAnswer, Verdict::TimeLimitExceeded,
                      Verdict::RuntimeError}));
}

TEST(ExpectedVerdictsTest, RejectsUnknownAndEmpty) {
  EXPECT_FALSE(parseExpectedVerdicts("CORRECT, MAYBE").has_value());
  EXPECT_FALSE(parseExpectedVerdicts("  ,  ").has_value());
}

TEST(ExpectedVerdictsTest, FindsTheTagInComments) {
  EXPECT_EQ(findExpectedResultsTag("// @EXPECTED_RESULTS@: CORRECT\nint main() {}"), "CORRECT");
  EXPECT_EQ(findExpectedResultsTag("/* @EXPECTED_RESULTS@: TIMELIMIT, CORRECT */"),
            "TIMELIMIT, CORRECT");
  EXPECT_EQ(findExpectedResultsTag("# @EXPECTED_RESULTS@: RUN-ERROR  \r\nprint()"), "RUN-ERROR");
  EXPECT_FALSE(findExpectedResultsTag("print(1)").has_value());
}

TEST(LanguageFromFileNameTest, KattisTable) {
  EXPECT_EQ(languageFromFileName("a.cpp"), "cpp");
  EXPECT_EQ(languageFromFileName("a.cc"), "cpp");
  EXPECT_EQ(languageFromFileName("a.C"), "cpp");
  EXPECT_EQ(languageFromFileName("a.c"), "c");
  EXPECT_EQ(languageFromFileName("Main.java"), "java");
  EXPECT_EQ(languageFromFileName("x.py"), "python3");
  EXPECT_EQ(languageFromFileName("x.py2"), "python2");
  EXPECT_EQ(languageFromFileName("x.kt"), "kotlin");
  EXPECT_EQ(languageFromFileName("x.js"), "javascript");
  EXPECT_EQ(languageFromFileName("x.rs"), "rust");
  EXPECT_EQ(languageFromFileName("x.h"), "");
  EXPECT_EQ(languageFromFileName("README"), "");
}

}  // namespace
}  // namespace arena::judge
