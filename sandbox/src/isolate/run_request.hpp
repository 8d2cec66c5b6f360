#pragma once
// What the supervisor sends a slot's keeper for one run, and what the box reports back.
//
// The request travels over a SOCK_SEQPACKET socket as one message: a flat byte encoding of
// RunRequest plus the descriptors (stdin, stdout, stderr, report pipe) as SCM_RIGHTS. The box answers on the report pipe with fixed-size BoxReport records, each
// written with one write() (smaller than PIPE_BUF, so never torn).

#include <cstdint>
#include <string>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/sandbox/sandbox.hpp"

namespace arena::sandbox::detail {

struct RunRequest {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  std::vector<BindDir> dirs;
  std::string workdir;
  std::uint64_t cpuTimeMs = 0;
  std::uint64_t memoryKb = 0;
  std::uint64_t outputKb = 0;
  std::uint64_t stackKb = 0;
  std::uint32_t processes = 0;
  std::uint32_t openFiles = 0;
  bool rlimitMode = false;  // no cgroup: limits and accounting come from rlimits alone
};

// Descriptor order in the request message.
enum RequestFd : int { kFdStdin = 0, kFdStdout, kFdStderr, kFdReport, kRequestFdCount };

std::string encodeRequest(const RunRequest& request);
Result<RunRequest> decodeRequest(const std::string& bytes);

enum class ReportKind : std::uint32_t {
  Started = 1,      // the program has exec'd (or has just reported ExecFailed); see startNs
  SetupFailed = 2,  // the box could not be set up (sandbox fault)
  ExecFailed = 3,   // the program could not be executed (sandbox fault or bad path)
  Exited = 4,       // the program ended; waitStatus and usage are valid
};

struct BoxReport {
  ReportKind kind = ReportKind::Exited;
  std::int32_t waitStatus = 0;
  std::int64_t userUs = 0;    // rusage of the program and its reaped descendants
  std::int64_t systemUs = 0;
  std::int64_t maxRssKb = 0;
  std::int64_t wallNs = 0;    // fork of the program to its reaping, measured in the box
  std::int64_t startNs = 0;   // Started: that fork, on CLOCK_MONOTONIC (the wall limit's zero)
  char message[256] = {};     // SetupFailed / ExecFailed: "step: strerror"
};

}  // namespace arena::sandbox::detail
