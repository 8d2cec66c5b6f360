// Expected verdicts written by people: DOMjudge's `@EXPECTED_RESULTS@:` tag and the verdict
// names of the Kattis format. One normalised table so "TIMELIMIT", "time_limit_exceeded" and
// "TLE" all mean the same verdict.

#include <cctype>

#include "arena/judge/problem_package.hpp"

namespace arena::judge {

using model::Verdict;

namespace {

std::string normalise(std::string_view word) {
  std::string out;
  for (char c : word) {
    if (c == '_' || c == ' ') {
      out += '-';
    } else {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

std::optional<Verdict> verdictFromName(std::string_view name) {
  struct Entry {
    std::string_view name;
    Verdict verdict;
  };
  static constexpr Entry kNames[] = {
      {"CORRECT", Verdict::Accepted},
      {"ACCEPTED", Verdict::Accepted},
      {"AC", Verdict::Accepted},
      {"WRONG-ANSWER", Verdict::WrongAnswer},
      {"WA", Verdict::WrongAnswer},
      // DOMjudge's "no output" is a wrong answer that printed nothing; we have no such verdict.
      {"NO-OUTPUT", Verdict::WrongAnswer},
      {"TIMELIMIT", Verdict::TimeLimitExceeded},
      {"TIME-LIMIT", Verdict::TimeLimitExceeded},
      {"TIME-LIMIT-EXCEEDED", Verdict::TimeLimitExceeded},
      {"TLE", Verdict::TimeLimitExceeded},
      {"RUN-ERROR", Verdict::RuntimeError},
      {"RUN-TIME-ERROR", Verdict::RuntimeError},
      {"RUNTIME-ERROR", Verdict::RuntimeError},
      {"RTE", Verdict::RuntimeError},
      {"RE", Verdict::RuntimeError},
      {"MEMORY-LIMIT", Verdict::MemoryLimitExceeded},
      {"MEMORY-LIMIT-EXCEEDED", Verdict::MemoryLimitExceeded},
      {"MLE", Verdict::MemoryLimitExceeded},
      {"OUTPUT-LIMIT", Verdict::OutputLimitExceeded},
      {"OUTPUT-LIMIT-EXCEEDED", Verdict::OutputLimitExceeded},
      {"OLE", Verdict::OutputLimitExceeded},
      {"COMPILER-ERROR", Verdict::CompileError},
      {"COMPILE-ERROR", Verdict::CompileError},
      {"COMPILATION-ERROR", Verdict::CompileError},
      {"CE", Verdict::CompileError},
  };
  for (const Entry& entry : kNames) {
    if (entry.name == name) return entry.verdict;
  }
  return std::nullopt;
}

}  // namespace

Result<std::set<Verdict>> parseExpectedVerdicts(std::string_view list) {
  std::set<Verdict> verdicts;
  std::string word;
  auto flush = [&]() -> Result<void> {
    if (word.empty()) return {};
    auto verdict = verdictFromName(normalise(word));
    if (!verdict) {
      return fail(ErrorCode::InvalidArgument,
                  "unknown verdict '" + word +
                      "' (expected CORRECT, WRONG-ANSWER, TIMELIMIT, RUN-ERROR, COMPILER-ERROR, "
                      "NO-OUTPUT, OUTPUT-LIMIT, MEMORY-LIMIT or AC, WA, TLE, RTE)");
    }
    verdicts.insert(*verdict);
    word.clear();
    return {};
  };
  for (char c : list) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (auto ok = flush(); !ok) return std::unexpected(ok.error());
    } else {
      word += c;
    }
  }
  if (auto ok = flush(); !ok) return std::unexpected(ok.error());
  if (verdicts.empty()) return fail(ErrorCode::InvalidArgument, "no verdict given");
  return verdicts;
}

std::optional<std::string> findExpectedResultsTag(std::string_view source) {
  static constexpr std::string_view kTag = "@EXPECTED_RESULTS@:";
  auto at = source.find(kTag);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = source.substr(at + kTag.size());
  rest = rest.substr(0, rest.find('\n'));
  // Whatever closes the comment on the same line ("*/", "-->") is not part of the list.
  for (std::string_view closer : {"*/", "-->", "-}", "*)"}) {
    if (auto end = rest.find(closer); end != std::string_view::npos) rest = rest.substr(0, end);
  }
  std::string out(rest);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\r')) {
    out.pop_back();
  }
  auto first = out.find_first_not_of(" \t");
  return first == std::string::npos ? std::string() : out.substr(first);
}

}  // namespace arena::judge
