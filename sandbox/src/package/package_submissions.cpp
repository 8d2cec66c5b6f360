// submissions/: judge solutions and what they are expected to get.
//
// Theory of operation: every file or directory in a direct subdirectory of submissions/ is one
// program. Its expectations come from, strongest first:
//   1. submissions/submissions.yaml (2025-09): glob patterns mapping to permitted/required
//      verdict sets and more; a key equal to a default directory name replaces that
//      directory's defaults, other matching patterns add requirements;
//   2. a DOMjudge `@EXPECTED_RESULTS@:` tag in the source, honoured (as DOMjudge does) only
//      outside the verdict directories of the spec;
//   3. the directory: accepted, wrong_answer, time_limit_exceeded, run_time_error (both
//      dialects), rejected and brute_force (2025-09), partially_accepted (legacy scoring), and
//      our extensions compile_error/compiler_error, memory_limit_exceeded,
//      output_limit_exceeded.
// A program in any other directory without a tag or a pattern is skipped with a warning.
//
// The Kattis format has four verdicts; running out of memory or output is a run-time error
// there, so its RTE is {RuntimeError, MemoryLimitExceeded, OutputLimitExceeded} here.

#include <algorithm>
#include <fstream>
#include <map>

#include "package_parts.hpp"
#include "package_yaml.hpp"

namespace arena::judge::detail {

namespace fs = std::filesystem;
using model::Verdict;
using VerdictSet = std::set<Verdict>;

namespace {

const VerdictSet kAc{Verdict::Accepted};
const VerdictSet kWa{Verdict::WrongAnswer};
const VerdictSet kTle{Verdict::TimeLimitExceeded};
const VerdictSet kRte{Verdict::RuntimeError, Verdict::MemoryLimitExceeded,
                      Verdict::OutputLimitExceeded};
const VerdictSet kAllCase{
    Verdict::Accepted,     Verdict::WrongAnswer,         Verdict::TimeLimitExceeded,
    Verdict::RuntimeError, Verdict::MemoryLimitExceeded, Verdict::OutputLimitExceeded};

VerdictSet unite(std::initializer_list<VerdictSet> sets) {
  VerdictSet out;
  for (const VerdictSet& set : sets) out.insert(set.begin(), set.end());
  return out;
}

VerdictSet intersect(const VerdictSet& a, const VerdictSet& b) {
  VerdictSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// Per-case expectations of one source (directory defaults or a submissions.yaml entry).
struct Expectation {
  VerdictSet permitted = kAllCase;
  VerdictSet required = kAllCase;
  std::optional<VerdictSet> finalVerdicts;     // set when the final verdict is known directly
  std::optional<std::string> useForTimeLimit;  // "false", "lower", "upper"
};

std::optional<Expectation> directoryDefaults(std::string_view dir, PackageFormat format,
                                             bool scoring) {
  const bool modern = format == PackageFormat::Kattis2025;
  if (dir == "accepted") return Expectation{kAc, kAllCase, kAc, {}};
  if (dir == "wrong_answer") return Expectation{unite({kAc, kWa}), kWa, kWa, {}};
  if (dir == "time_limit_exceeded") {
    // Legacy: "may also give wrong answer"; the final verdict is still TLE by DOMjudge's rule.
    return Expectation{modern ? unite({kAc, kTle}) : unite({kAc, kWa, kTle}), kTle, kTle, {}};
  }
  if (dir == "run_time_error") {
    return Expectation{modern ? unite({kAc, kRte}) : kAllCase, kRte, kRte, {}};
  }
  if (modern && dir == "rejected") {
    return Expectation{kAllCase, unite({kRte, kTle, kWa}), unite({kRte, kTle, kWa}), {}};
  }
  if (modern && dir == "brute_force") {
    return Expectation{unite({kAc, kRte, kTle}), unite({kRte, kTle}), unite({kRte, kTle}), {}};
  }
  if (!modern && scoring && dir == "partially_accepted") return Expectation{kAc, kAllCase, kAc, {}};
  if (dir == "compile_error" || dir == "compiler_error") {
    return Expectation{{}, {}, VerdictSet{Verdict::CompileError}, {}};
  }
  if (dir == "memory_limit_exceeded") {
    const VerdictSet mle{Verdict::MemoryLimitExceeded};
    return Expectation{unite({kAc, mle}), mle, mle, {}};
  }
  if (dir == "output_limit_exceeded") {
    const VerdictSet ole{Verdict::OutputLimitExceeded};
    return Expectation{unite({kAc, ole}), ole, ole, {}};
  }
  return std::nullopt;
}

// The final verdicts that per-case expectations allow: the first failing case decides, so any
// permitted failure; all-accepted when accepting is permitted and nothing else is required.
VerdictSet finalFromCases(const VerdictSet& permitted, const VerdictSet& required) {
  VerdictSet out = permitted;
  out.erase(Verdict::Accepted);
  const bool allAcceptedPossible = permitted.contains(Verdict::Accepted) &&
                                   (out.empty() || required.contains(Verdict::Accepted));
  if (allAcceptedPossible) out.insert(Verdict::Accepted);
  return out;
}

TimeLimitRole roleFor(const Expectation& e) {
  if (e.useForTimeLimit) {
    if (*e.useForTimeLimit == "lower") return TimeLimitRole::LowerBound;
    if (*e.useForTimeLimit == "upper") return TimeLimitRole::UpperBound;
    return TimeLimitRole::None;
  }
  if (e.required == kTle) return TimeLimitRole::UpperBound;
  if (!e.permitted.empty() && !e.permitted.contains(Verdict::TimeLimitExceeded)) {
    return TimeLimitRole::LowerBound;
  }
  return TimeLimitRole::None;
}

// ---- globs (2025-09 "Glob patterns") ------------------------------------------------------

// "{a,b}.py" -> {"a.py", "b.py"}; several brace groups multiply.
std::vector<std::string> expandBraces(const std::string& pattern) {
  auto open = pattern.find('{');
  if (open == std::string::npos) return {pattern};
  auto close = pattern.find('}', open);
  if (close == std::string::npos) return {pattern};
  std::vector<std::string> out;
  std::string body = pattern.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (true) {
    auto comma = body.find(',', start);
    std::string option =
        body.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    for (std::string& tail : expandBraces(pattern.substr(close + 1))) {
      out.push_back(pattern.substr(0, open) + option + tail);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// '*' matches any run of characters within one name.
bool matchSegment(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t skip = 0; skip <= text.size(); ++skip) {
      if (matchSegment(pattern.substr(1), text.substr(skip))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() &&
         matchSegment(pattern.substr(1), text.substr(1));
}

std::vector<std::string> splitPath(std::string_view path) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : path) {
    if (c == '/') {
      if (!current.empty()) parts.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(std::move(current));
  return parts;
}

// A submission matches when the pattern matches it or one of its parent directories.
bool globMatches(const std::string& pattern, const std::string& submission) {
  const std::vector<std::string> path = splitPath(submission);
  for (const std::string& expanded : expandBraces(pattern)) {
    const std::vector<std::string> parts = splitPath(expanded);
    if (parts.empty() || parts.size() > path.size()) continue;
    bool all = true;
    for (std::size_t i = 0; i < parts.size() && all; ++i) all = matchSegment(parts[i], path[i]);
    if (all) return true;
  }
  return false;
}

// ---- submissions.yaml ---------------------------------------------------------------------

struct YamlRule {
  std::string pattern;
  std::optional<VerdictSet> permitted;
  std::optional<VerdictSet> required;
  std::optional<std::string> language;
  std::optional<std::string> entrypoint;
  std::optional<bool> modelSolution;
  std::optional<std::pair<double, double>> score;
  std::optional<std::string> useForTimeLimit;
};

Result<VerdictSet> kattisVerdicts(const YamlSource& source, const YAML::Node& node,
                                  const std::string& key) {
  auto list = yamlStringList(source, node, key);
  if (!list) return std::unexpected(list.error());
  VerdictSet out;
  for (const std::string& name : *list) {
    if (name == "AC") {
      out.insert(Verdict::Accepted);
    } else if (name == "WA") {
      out.insert(Verdict::WrongAnswer);
    } else if (name == "TLE") {
      out.insert(Verdict::TimeLimitExceeded);
    } else if (name == "RTE") {
      out.insert(kRte.begin(), kRte.end());
    } else {
      return source.context.fail(
          source.file, key + ": unknown verdict '" + name + "' (expected AC, WA, TLE, RTE)");
    }
  }
  return out;
}

Result<std::vector<YamlRule>> readSubmissionsYaml(PackageContext& context, const fs::path& file) {
  std::vector<YamlRule> rules;
  auto yaml = loadYamlFile(context, file);
  if (!yaml) return std::unexpected(yaml.error());
  YamlSource source{context, "submissions/submissions.yaml"};
  try {
    for (auto it = yaml->begin(); it != yaml->end(); ++it) {
      auto pattern = yamlString(source, it->first, "(key)");
      if (!pattern) return std::unexpected(pattern.error());
      YamlRule rule;
      rule.pattern = *pattern;
      const YAML::Node body = it->second;
      if (auto ok = requireMap(source, body, rule.pattern); !ok) return std::unexpected(ok.error());
      if (!isPresent(body)) {
        rules.push_back(std::move(rule));
        continue;
      }
      for (auto field = body.begin(); field != body.end(); ++field) {
        auto keyName = yamlString(source, field->first, rule.pattern);
        if (!keyName) return std::unexpected(keyName.error());
        const std::string key = rule.pattern + "." + *keyName;
        const YAML::Node value = field->second;
        if (*keyName == "permitted" || *keyName == "required") {
          auto set = kattisVerdicts(source, value, key);
          if (!set) return std::unexpected(set.error());
          (*keyName == "permitted" ? rule.permitted : rule.required) = *set;
        } else if (*keyName == "language" || *keyName == "entrypoint") {
          auto text = yamlString(source, value, key);
          if (!text) return std::unexpected(text.error());
          (*keyName == "language" ? rule.language : rule.entrypoint) = *text;
        } else if (*keyName == "model_solution") {
          auto flag = yamlBool(source, value, key);
          if (!flag) return std::unexpected(flag.error());
          rule.modelSolution = *flag;
        } else if (*keyName == "score") {
          if (value.IsSequence()) {
            if (value.size() != 2) return context.fail(source.file, key + ": expected two numbers");
            auto low = yamlNumber(source, value[0], key + "[0]");
            if (!low) return std::unexpected(low.error());
            auto high = yamlNumber(source, value[1], key + "[1]");
            if (!high) return std::unexpected(high.error());
            if (*low > *high) return context.fail(source.file, key + ": the range is empty");
            rule.score = std::pair{*low, *high};
          } else {
            auto exact = yamlNumber(source, value, key);
            if (!exact) return std::unexpected(exact.error());
            rule.score = std::pair{*exact, *exact};
          }
        } else if (*keyName == "use_for_time_limit") {
          auto text = yamlString(source, value, key);
          if (!text) return std::unexpected(text.error());
          if (*text != "false" && *text != "lower" && *text != "upper") {
            return context.fail(source.file, key + ": expected false, lower or upper");
          }
          rule.useForTimeLimit = *text;
        } else if (*keyName == "authors" || *keyName == "message") {
          // Informational or checked against validator feedback: not our part.
        } else if (keyName->rfind("sample", 0) == 0 || keyName->rfind("secret", 0) == 0) {
          context.warn(source.file, key +
                                        ": expectations per test group are not represented; "
                                        "only submission-wide expectations are kept");
        } else {
          context.warn(source.file, "unknown key '" + key + "' ignored");
        }
      }
      rules.push_back(std::move(rule));
    }
  } catch (const std::exception& e) {
    return context.fail(source.file, std::string("invalid structure: ") + e.what());
  }
  return rules;
}

// ---- the step -----------------------------------------------------------------------------

Result<std::string> readSourceText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string text;
  text.resize(256 * 1024);  // tags sit near the top; a huge source is not scanned whole
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

bool isVerdictDirectory(std::string_view dir) {
  return dir == "accepted" || dir == "wrong_answer" || dir == "time_limit_exceeded" ||
         dir == "run_time_error";
}

}  // namespace

Result<void> readSubmissions(PackageContext& context, ProblemPackage& package) {
  const fs::path root = context.root() / "submissions";
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    context.warn("submissions/", "is missing (no judge solutions)");
    return {};
  }
  std::vector<YamlRule> rules;
  const fs::path yamlFile = root / "submissions.yaml";
  if (fs::exists(yamlFile, ec)) {
    if (package.format != PackageFormat::Kattis2025) {
      context.warn("submissions/submissions.yaml", "is a 2025-09 file and is ignored in legacy");
    } else {
      auto parsed = readSubmissionsYaml(context, yamlFile);
      if (!parsed) return std::unexpected(parsed.error());
      rules = std::move(*parsed);
    }
  }

  auto directories = listDirectory(context, root);
  if (!directories) return std::unexpected(directories.error());
  for (const fs::directory_entry& dirEntry : *directories) {
    const std::string dir = dirEntry.path().filename().string();
    if (!dirEntry.is_directory(ec)) {
      if (dir != "submissions.yaml") {
        context.warn("submissions/" + dir, "is not in a verdict directory and is ignored");
      }
      continue;
    }
    auto programs = listDirectory(context, dirEntry.path());
    if (!programs) return std::unexpected(programs.error());
    for (const fs::directory_entry& entry : *programs) {
      auto program = readProgram(context, entry.path());
      if (!program) return std::unexpected(program.error());
      const std::string name = "submissions/" + dir + "/" + entry.path().filename().string();
      const std::string relName = dir + "/" + entry.path().filename().string();

      PackageSubmission submission;
      submission.directory = dir;
      std::optional<Expectation> expectation =
          directoryDefaults(dir, package.format, package.type.scoring);
      ExpectationSource source = ExpectationSource::Directory;

      // DOMjudge tag (outside the spec's verdict directories).
      std::optional<VerdictSet> tagged;
      for (const fs::path& file : program->files) {
        auto text = readSourceText(file);
        if (!text) return std::unexpected(text.error());
        auto tag = findExpectedResultsTag(*text);
        if (!tag) continue;
        auto verdicts = parseExpectedVerdicts(*tag);
        if (!verdicts) {
          return context.fail(context.relative(file),
                              "@EXPECTED_RESULTS@: " + verdicts.error().message);
        }
        tagged = *verdicts;
        break;
      }
      if (tagged) {
        if (isVerdictDirectory(dir)) {
          if (expectation && expectation->finalVerdicts &&
              intersect(*tagged, *expectation->finalVerdicts).empty()) {
            context.warn(name, "@EXPECTED_RESULTS@ disagrees with its directory and is ignored");
          }
        } else {
          Expectation fromTag;
          fromTag.finalVerdicts = *tagged;
          fromTag.permitted = unite({*tagged, kAc});
          fromTag.permitted.erase(Verdict::CompileError);
          fromTag.required = tagged->contains(Verdict::Accepted) ? kAllCase : *tagged;
          if (*tagged == VerdictSet{Verdict::CompileError}) fromTag.permitted.clear();
          expectation = fromTag;
          source = ExpectationSource::Tag;
        }
      }

      // submissions.yaml: the directory's own key replaces defaults, other patterns add.
      for (const YamlRule& rule : rules) {
        if (!globMatches(rule.pattern, relName)) continue;
        const bool replacesDefaults = rule.pattern == dir;
        if (!expectation) expectation = Expectation{};
        if (rule.permitted || rule.required || rule.useForTimeLimit) {
          expectation->finalVerdicts.reset();
          source = ExpectationSource::SubmissionsYaml;
        }
        if (rule.permitted) {
          expectation->permitted = replacesDefaults
                                       ? *rule.permitted
                                       : intersect(expectation->permitted, *rule.permitted);
        }
        if (rule.required) {
          expectation->required =
              replacesDefaults ? *rule.required : intersect(expectation->required, *rule.required);
          if (expectation->required.empty()) {
            return context.fail("submissions/submissions.yaml",
                                rule.pattern +
                                    ": its `required` contradicts another pattern "
                                    "matching " +
                                    relName);
          }
        }
        if (rule.useForTimeLimit) expectation->useForTimeLimit = rule.useForTimeLimit;
        if (rule.language) program->language = *rule.language;
        if (rule.entrypoint) submission.entrypoint = *rule.entrypoint;
        if (rule.modelSolution) submission.modelSolution = *rule.modelSolution;
        if (rule.score) {
          submission.scoreMin = rule.score->first;
          submission.scoreMax = rule.score->second;
        }
      }

      if (!expectation) {
        context.warn(name, "directory '" + dir +
                               "' says nothing about the expected verdict and the program has no "
                               "@EXPECTED_RESULTS@ tag; skipped");
        continue;
      }
      submission.program = std::move(*program);
      submission.source = source;
      submission.permitted = expectation->permitted;
      submission.required = expectation->required;
      submission.expected = expectation->finalVerdicts
                                ? *expectation->finalVerdicts
                                : finalFromCases(expectation->permitted, expectation->required);
      submission.timeLimitRole = roleFor(*expectation);
      if (submission.expected.empty()) {
        return context.fail(name, "its permitted and required verdicts contradict each other");
      }
      if (submission.program.language.empty() && !submission.program.hasBuildScript &&
          !submission.program.hasRunScript) {
        context.warn(name, "cannot tell its language from the file extensions");
      }
      package.submissions.push_back(std::move(submission));
    }
  }
  std::sort(package.submissions.begin(), package.submissions.end(),
            [](const PackageSubmission& a, const PackageSubmission& b) {
              return a.program.name < b.program.name;
            });
  const bool anyAccepted =
      std::any_of(package.submissions.begin(), package.submissions.end(),
                  [](const PackageSubmission& s) { return s.expected == kAc; });
  if (!anyAccepted) context.warn("submissions/", "has no accepted solution");
  return {};
}

}  // namespace arena::judge::detail
