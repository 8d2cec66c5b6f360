#pragma once
// Verdicts and the submission lifecycle. JE (judge error) is the judge's fault and is never
// counted against a contestant; SV (security violation) is a program the sandbox had to stop for
// doing something no judged program needs.

#include <array>
#include <utility>

#include "arena/model/enum_names.hpp"

namespace arena::model {

enum class Verdict {
  Accepted,             // AC
  WrongAnswer,          // WA
  TimeLimitExceeded,    // TLE
  MemoryLimitExceeded,  // MLE
  RuntimeError,         // RE
  OutputLimitExceeded,  // OLE
  CompileError,         // CE
  JudgeError,           // JE
  SecurityViolation,    // SV
};

enum class SubmissionStatus { Queued, Compiling, Running, Judged };

template <>
struct EnumNames<Verdict> {
  static constexpr std::array kNames{
      std::pair{Verdict::Accepted, "AC"},           std::pair{Verdict::WrongAnswer, "WA"},
      std::pair{Verdict::TimeLimitExceeded, "TLE"}, std::pair{Verdict::MemoryLimitExceeded, "MLE"},
      std::pair{Verdict::RuntimeError, "RE"},       std::pair{Verdict::OutputLimitExceeded, "OLE"},
      std::pair{Verdict::CompileError, "CE"},       std::pair{Verdict::JudgeError, "JE"},
      std::pair{Verdict::SecurityViolation, "SV"},
  };
};

template <>
struct EnumNames<SubmissionStatus> {
  static constexpr std::array kNames{
      std::pair{SubmissionStatus::Queued, "queued"},
      std::pair{SubmissionStatus::Compiling, "compiling"},
      std::pair{SubmissionStatus::Running, "running"},
      std::pair{SubmissionStatus::Judged, "judged"},
  };
};

// Whether the verdict is a judgement of the contestant's program (counts as a try in ICPC
// penalty terms). Compile errors and judge errors are not.
constexpr bool countsAsTry(Verdict verdict) {
  return verdict != Verdict::CompileError && verdict != Verdict::JudgeError;
}

// The judge's own failure: the submission must be judged again, not scored.
constexpr bool isJudgeFault(Verdict verdict) { return verdict == Verdict::JudgeError; }

}  // namespace arena::model
