#include "arena/judge/default_output_validator.hpp"

#include <cmath>
#include <cstdlib>

namespace arena::judge {

namespace {

constexpr std::size_t kShownTokenBytes = 40;

bool isSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads consecutive characters of one class (whitespace or not) starting at `pos`.
std::string_view takeRun(std::string_view text, std::size_t& pos, bool whitespace) {
  const std::size_t start = pos;
  while (pos < text.size() && isSpace(text[pos]) == whitespace) ++pos;
  return text.substr(start, pos - start);
}

std::string shown(std::string_view token) {
  if (token.size() <= kShownTokenBytes) return "'" + std::string(token) + "'";
  return "'" + std::string(token.substr(0, kShownTokenBytes)) + "...' (" +
         std::to_string(token.size()) + " bytes)";
}

std::string describeWhitespace(std::string_view run) {
  std::string text;
  for (char c : run) {
    switch (c) {
      case ' ': text += "space "; break;
      case '\n': text += "\\n "; break;
      case '\t': text += "\\t "; break;
      case '\r': text += "\\r "; break;
      case '\f': text += "\\f "; break;
      default: text += "\\v "; break;
    }
    if (text.size() > 60) return text + "...";
  }
  return run.empty() ? "nothing" : text.substr(0, text.size() - 1);
}

bool equalIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (asciiLower(a[i]) != asciiLower(b[i])) return false;
  }
  return true;
}

ValidatorVerdict reject(std::string message) { return {false, std::move(message)}; }

// nullopt when the tokens agree; otherwise the reason they do not.
std::optional<std::string> compareTokens(std::string_view answer, std::string_view team,
                                         const DefaultValidatorFlags& flags) {
  if (flags.absoluteTolerance || flags.relativeTolerance) {
    if (const auto expected = parseFloatToken(answer)) {
      const auto actual = parseFloatToken(team);
      if (!actual) return "expected the number " + shown(answer) + ", got " + shown(team);
      const double difference = std::fabs(*actual - *expected);
      const bool withinAbsolute =
          flags.absoluteTolerance && difference <= *flags.absoluteTolerance;
      const bool withinRelative =
          flags.relativeTolerance && difference <= *flags.relativeTolerance * std::fabs(*expected);
      if (withinAbsolute || withinRelative) return std::nullopt;
      return "expected " + shown(answer) + ", got " + shown(team) + " (difference " +
             std::to_string(difference) + " is over the tolerance)";
    }
  }
  const bool same = flags.caseSensitive ? answer == team : equalIgnoringCase(answer, team);
  if (same) return std::nullopt;
  return "expected " + shown(answer) + ", got " + shown(team);
}

Result<double> toleranceValue(const std::vector<std::string>& args, std::size_t& i) {
  if (i + 1 >= args.size()) return fail(ErrorCode::InvalidArgument, args[i] + " needs a value");
  ++i;
  const auto value = parseFloatToken(args[i]);
  if (!value || *value < 0) {
    return fail(ErrorCode::InvalidArgument,
                args[i - 1] + ": '" + args[i] + "' is not a non-negative number");
  }
  return *value;
}

}  // namespace

std::optional<double> parseFloatToken(std::string_view token) {
  // sign? ( digit* "." digit+ | digit+ "." | digit+ ) ( [eE] sign? digit+ )?
  std::size_t pos = 0;
  if (pos < token.size() && (token[pos] == '+' || token[pos] == '-')) ++pos;
  const std::size_t intStart = pos;
  while (pos < token.size() && isDigit(token[pos])) ++pos;
  const bool hasInt = pos > intStart;
  bool hasFraction = false;
  if (pos < token.size() && token[pos] == '.') {
    ++pos;
    const std::size_t fractionStart = pos;
    while (pos < token.size() && isDigit(token[pos])) ++pos;
    hasFraction = pos > fractionStart;
  }
  if (!hasInt && !hasFraction) return std::nullopt;
  if (pos < token.size() && (token[pos] == 'e' || token[pos] == 'E')) {
    ++pos;
    if (pos < token.size() && (token[pos] == '+' || token[pos] == '-')) ++pos;
    const std::size_t exponentStart = pos;
    while (pos < token.size() && isDigit(token[pos])) ++pos;
    if (pos == exponentStart) return std::nullopt;
  }
  if (pos != token.size()) return std::nullopt;
  // The grammar is a subset of what strtod reads, so strtod gives the closest double.
  const std::string copy(token);
  return std::strtod(copy.c_str(), nullptr);
}

Result<DefaultValidatorFlags> DefaultValidatorFlags::parse(const std::vector<std::string>& args) {
  DefaultValidatorFlags flags;
  bool sawCombined = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "case_sensitive") {
      flags.caseSensitive = true;
    } else if (arg == "space_change_sensitive") {
      flags.spaceChangeSensitive = true;
    } else if (arg == "float_absolute_tolerance" || arg == "float_relative_tolerance" ||
               arg == "float_tolerance") {
      auto value = toleranceValue(args, i);
      if (!value) return std::unexpected(value.error());
      const bool absolute = arg != "float_relative_tolerance";
      const bool relative = arg != "float_absolute_tolerance";
      if ((absolute && flags.absoluteTolerance) || (relative && flags.relativeTolerance) ||
          sawCombined) {
        return fail(ErrorCode::InvalidArgument,
                    "a float tolerance is given more than once (" + arg + ")");
      }
      if (absolute) flags.absoluteTolerance = *value;
      if (relative) flags.relativeTolerance = *value;
      sawCombined = arg == "float_tolerance";
    } else {
      return fail(ErrorCode::InvalidArgument, "unknown validator flag '" + arg + "'");
    }
  }
  return flags;
}

ValidatorVerdict validateOutput(std::string_view answer, std::string_view teamOutput,
                                const DefaultValidatorFlags& flags) {
  std::size_t answerPos = 0;
  std::size_t teamPos = 0;
  for (std::size_t tokenNumber = 1;; ++tokenNumber) {
    const auto answerSpace = takeRun(answer, answerPos, true);
    const auto teamSpace = takeRun(teamOutput, teamPos, true);
    if (flags.spaceChangeSensitive && answerSpace != teamSpace) {
      return reject("whitespace before token " + std::to_string(tokenNumber) + " differs: expected " +
                    describeWhitespace(answerSpace) + ", got " + describeWhitespace(teamSpace));
    }
    const auto answerToken = takeRun(answer, answerPos, false);
    const auto teamToken = takeRun(teamOutput, teamPos, false);
    if (answerToken.empty() && teamToken.empty()) return {true, {}};
    if (answerToken.empty()) {
      return reject("too much output: token " + std::to_string(tokenNumber) + " is " +
                    shown(teamToken) + " but the answer has ended");
    }
    if (teamToken.empty()) {
      return reject("output ended early: token " + std::to_string(tokenNumber) + " should be " +
                    shown(answerToken));
    }
    if (auto why = compareTokens(answerToken, teamToken, flags)) {
      return reject("wrong answer on token " + std::to_string(tokenNumber) + ": " + *why);
    }
  }
}

}  // namespace arena::judge
