export type Verdict = "AC" | "WA" | "TLE" | "MLE" | "RE" | "OLE" | "CE" | "JE" | "SV";
export type SubmissionStatus = "queued" | "compiling" | "running" | "judged";

export interface TestResult {
  index: number;
  verdict: Verdict;
  time_ms: number;
  memory_kb: number;
}

export interface Submission {
  id: number;
  user_id: number;
  problem_id: number;
  language: string;
  code?: string; // absent in list pages: GET /api/submissions/{id} has it
  status: SubmissionStatus;
  verdict: Verdict | null;
  exec_time_ms: number;
  memory_kb: number;
  tests?: TestResult[]; // absent in list pages
  created_at: string;
}

export type RunStatus = "OK" | "CE" | "TLE" | "MLE" | "OLE" | "RE";

export interface RunResult {
  id: null;
  status: RunStatus;
  exec_time_ms: number;
  memory_kb: number;
  stdout: string;
  stderr: string;
  compile_output: string;
  exit_code: number;
}
