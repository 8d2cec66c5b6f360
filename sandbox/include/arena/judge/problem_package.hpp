#pragma once
// The problem package reader: a problem directory in the Kattis problem package format (the
// `legacy`/`legacy-icpc` layout and `2025-09`), optionally with DOMjudge's extensions
// (`domjudge-problem.ini`, `.timelimit`, `@EXPECTED_RESULTS@:` tags), read into one value.
//
// Pure parsing and validation: nothing is compiled or run, nothing in the package is written.
// Every problem found is an InvalidArgument error whose message starts with the problem's short
// name and names the file, e.g. `two-sum: data/secret/03.in has no matching .ans`. Things the
// format tolerates but that are probably mistakes (unknown keys, ignored files) are kept in
// `warnings`; `PackageReadOptions::strict` turns them into errors.
//
// Paths in the result are absolute (the package directory joined with the package-relative
// path), so a caller can open them directly; names (test cases, groups, submissions) are
// package-relative and use '/'.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/model/verdict.hpp"

namespace arena::judge {

// Which specification the package follows; decided by problem.yaml's `problem_format_version`
// (absent: legacy). A DOMjudge zip without problem.yaml is read as Legacy.
enum class PackageFormat {
  Legacy,     // `legacy` and `legacy-icpc`: problem_statement/, output_validators/, testdata.yaml
  Kattis2025  // `2025-09`: statement/, output_validator/, test_group.yaml, submissions.yaml
};

// How results are aggregated. PassFail problems have a verdict; Scoring problems also a score.
// Multi-pass and submit-answer problems are recognised and rejected by the reader.
struct ProblemType {
  bool scoring = false;      // false: pass-fail
  bool interactive = false;  // the output validator talks to the submission through pipes

  friend bool operator==(const ProblemType&, const ProblemType&) = default;
};

// Safety margins between the slowest accepted submission, the time limit and the fastest
// too-slow submission (2025-09 `limits.time_multipliers`; legacy `time_multiplier` and
// `time_safety_margin` play the same two roles).
struct TimeMultipliers {
  double acToTimeLimit = 2.0;    // time_limit >= slowest accepted * this
  double timeLimitToTle = 1.5;   // time_limit * this <= fastest time_limit_exceeded
  double timeResolutionS = 1.0;  // an inferred limit is a multiple of this

  friend bool operator==(const TimeMultipliers&, const TimeMultipliers&) = default;
};

// Limits in the judge's units. An unset optional means "the system default": the package did
// not ask for a specific value and the judge applies its own.
struct Limits {
  // The explicit time limit per test case: 2025-09 `limits.time_limit`, DOMjudge's
  // `timelimit` in domjudge-problem.ini, or a `.timelimit` file. Unset when the package leaves
  // the limit to be derived from its accepted submissions (always so for plain Kattis legacy
  // packages): the reader runs nothing, so the caller decides, e.g. with inferTimeLimitMs().
  std::optional<std::int64_t> timeLimitMs;
  TimeMultipliers multipliers;
  std::optional<std::int64_t> memoryKb;
  std::optional<std::int64_t> outputKb;
  std::optional<std::int64_t> codeKb;
  std::optional<std::int64_t> compilationTimeMs;
  std::optional<std::int64_t> compilationMemoryKb;
  std::optional<std::int64_t> validationTimeMs;
  std::optional<std::int64_t> validationMemoryKb;
  std::optional<std::int64_t> validationOutputKb;

  friend bool operator==(const Limits&, const Limits&) = default;
};

enum class StatementFormat { Markdown, Latex, Pdf, Html, Text };

struct Statement {
  std::string language;  // "en", "pt-BR"; DOMjudge's problem.pdf has "" (unknown)
  StatementFormat format = StatementFormat::Markdown;
  std::filesystem::path path;  // the problem.<lang>.<ext> file; auxiliary files sit beside it
};

enum class ScoreAggregation { PassFail, Sum, Min };

struct TestCase {
  std::string name;  // relative to data/ without extension: "secret/group1/03-big"
  std::filesystem::path input;
  std::filesystem::path answer;
  bool isSample = false;
  // Sample interaction log for interactive problems (`<`/`>` lines): for the statement only,
  // never given to the submission.
  std::optional<std::filesystem::path> interaction;
  std::optional<std::filesystem::path> files;  // `<name>.files/`: input files in the work dir
  std::vector<std::string> args;               // command-line arguments of the submission
  // Arguments for the output validator, complete: legacy = problem.yaml validator_flags, then
  // the group's testdata.yaml output_validator_flags; 2025-09 = the case's own .yaml
  // output_validator_args if it has them, else its group's (inherited from secret).
  std::vector<std::string> outputValidatorArgs;
  std::vector<std::string> inputValidatorArgs;
  // Score of this case when accepted and the validator writes no score.txt; unset when the
  // case has no bound (2025-09 unbounded groups) or the problem is pass-fail.
  std::optional<double> maxScore;
  bool fullFeedback = false;
  std::string hint;
  std::string description;
};

// A node of the test data tree. The root is `data` with the children `sample` and `secret`;
// legacy packages may nest groups to any depth, 2025-09 allows groups directly under `secret`
// (deeper directories inside a group only hold more of that group's cases).
struct TestGroup {
  std::string name;  // "data", "sample", "secret", "secret/subtask1"
  ScoreAggregation aggregation = ScoreAggregation::PassFail;
  std::optional<double> maxScore;        // unset: unbounded (or pass-fail problem)
  std::vector<std::string> requirePass;  // groups that must be all-accepted first (2025-09)
  bool ignoreSample = false;             // legacy grader flag `ignore_sample` (root only)
  bool continueOnReject = false;         // legacy `on_reject: continue`
  std::vector<TestCase> cases;           // sorted by name
  std::vector<TestGroup> groups;         // sorted by name
  // The judging order of the spec: cases and groups of one directory interleaved by name
  // (legacy groups may hold both). Each item points into `cases` or `groups`.
  struct Item {
    bool isGroup = false;
    std::size_t index = 0;
  };
  std::vector<Item> order;

  // Every case under this group, depth first in judging order.
  std::vector<const TestCase*> allCases() const;
  const TestGroup* findGroup(std::string_view groupName) const;
};

// A program shipped in the package (validator or submission): one file, or a directory that is
// one program (several sources, or `build`/`run` scripts).
struct ProgramSource {
  std::string name;  // package-relative: "output_validators/checker", "submissions/accepted/a.cpp"
  std::filesystem::path path;
  bool isDirectory = false;
  std::vector<std::filesystem::path> files;  // the regular files of the program, sorted
  // Kattis language code guessed from the extensions ("c", "cpp", "java", "python3", ...);
  // "" when there is no single language (a directory with build/run scripts, mixed sources).
  std::string language;
  bool hasBuildScript = false;  // directory with `build`
  bool hasRunScript = false;    // directory with `run`
};

// Where a submission's expectations came from, strongest last.
enum class ExpectationSource { Directory, Tag, SubmissionsYaml };

// Whether a submission bounds the time limit (spec 2025-09 "Timelimit inference").
enum class TimeLimitRole { None, LowerBound, UpperBound };

struct PackageSubmission {
  ProgramSource program;
  std::string directory;  // first directory under submissions/: "accepted", "mixed", ...
  // Acceptable final verdicts of the whole submission (what DOMjudge's judging verifier checks).
  std::set<model::Verdict> expected;
  // Per-test-case expectations (Kattis semantics): every case's verdict is in `permitted`, at
  // least one case's verdict is in `required`.
  std::set<model::Verdict> permitted;
  std::set<model::Verdict> required;
  ExpectationSource source = ExpectationSource::Directory;
  std::optional<double> scoreMin;  // expected score range (scoring problems), inclusive
  std::optional<double> scoreMax;
  std::string entrypoint;  // submissions.yaml `entrypoint`; "" = the language's default
  bool modelSolution = false;
  TimeLimitRole timeLimitRole = TimeLimitRole::None;
};

// DOMjudge's domjudge-problem.ini, kept for what has no Kattis equivalent.
struct DomjudgeMetadata {
  std::optional<std::string> color;           // CSS colour
  std::optional<double> points;               // points of the problem (default 1 in DOMjudge)
  std::optional<std::string> specialCompare;  // id of a DOMjudge executable, not in the package
  std::optional<std::string> specialRun;
  std::optional<bool> allowSubmit;
  std::optional<bool> allowJudge;
  std::optional<std::string> externalId;
};

struct ProblemPackage {
  std::filesystem::path root;  // the package directory
  std::string shortName;       // the directory name (or the zip's base name)
  std::string name;            // display name: English if present, else the first language
  std::map<std::string, std::string> names;  // by language ("" when the language is unknown)
  PackageFormat format = PackageFormat::Legacy;
  std::string formatVersion;  // as written: "legacy", "legacy-icpc", "2025-09"
  ProblemType type;
  Limits limits;
  std::string uuid;
  std::string license;
  std::vector<std::string> keywords;
  std::vector<Statement> statements;
  // `.interaction` files of samples, including the legacy ones without a `.in`/`.ans` pair.
  std::vector<std::filesystem::path> sampleInteractions;
  TestGroup data;  // root of the test data tree
  // Problem-wide output validator arguments (legacy `validator_flags`); already folded into
  // each TestCase::outputValidatorArgs.
  std::vector<std::string> validatorFlags;
  std::optional<ProgramSource> outputValidator;  // unset: the default (token) validator
  std::vector<ProgramSource> inputValidators;    // programs, .ctd and .viva files
  std::vector<PackageSubmission> submissions;    // sorted by name
  std::optional<DomjudgeMetadata> domjudge;
  std::vector<std::string> warnings;  // "two-sum: problem.yaml: unknown key 'foo' ignored"
};

struct PackageReadOptions {
  // Short name to use instead of the directory name (a zip's base name, a DOMjudge label).
  std::string shortName;
  // Treat every warning as an error (for package authors checking their work).
  bool strict = false;
};

// Reads and validates the package in `dir`. Never throws.
Result<ProblemPackage> readProblemPackage(const std::filesystem::path& dir,
                                          const PackageReadOptions& options = {});

// The 2025-09 rule for a time limit derived from judge submissions: the smallest multiple of
// the resolution that is >= slowestAcceptedMs * acToTimeLimit and whose product with
// timeLimitToTle is <= fastestTooSlowMs (no bound when unset). An explicit limit wins and is
// returned as is. InvalidArgument when no such multiple exists.
Result<std::int64_t> inferTimeLimitMs(const Limits& limits, std::int64_t slowestAcceptedMs,
                                      std::optional<std::int64_t> fastestTooSlowMs = {});

// Parses the outcome list of a DOMjudge `@EXPECTED_RESULTS@:` tag ("CORRECT, TIMELIMIT") or a
// Kattis verdict list. Accepts DOMjudge's names (CORRECT, WRONG-ANSWER, TIMELIMIT, RUN-ERROR,
// COMPILER-ERROR, NO-OUTPUT, OUTPUT-LIMIT, MEMORY-LIMIT), Kattis's (AC, WA, TLE, RTE) and
// our own (RE, MLE, OLE, CE), case-insensitively, with '_' or ' ' for '-'.
// NO-OUTPUT is a WrongAnswer here (our verdicts have no separate "no output").
Result<std::set<model::Verdict>> parseExpectedVerdicts(std::string_view list);

// Finds `@EXPECTED_RESULTS@:` in a source text; unset when there is none.
std::optional<std::string> findExpectedResultsTag(std::string_view source);

// Kattis language code for a source file name from its extension ("a.cpp" -> "cpp",
// "Main.java" -> "java", "x.py" -> "python3"); "" when unknown. Header files give "".
std::string languageFromFileName(const std::filesystem::path& file);

}  // namespace arena::judge
