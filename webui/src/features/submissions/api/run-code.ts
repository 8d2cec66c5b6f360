import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { RunResult } from "./types";

export interface RunInput {
  language: string;
  code: string;
  stdin: string;
  problemId?: number; // the problem's limits apply when given
}

// The playground: runs the code on `stdin` once; nothing is stored or judged.
export function runCode(input: RunInput): Promise<RunResult> {
  return apiRequest("/api/submissions", {
    method: "POST",
    body: {
      language: input.language,
      code: input.code,
      stdin: input.stdin,
      ...(input.problemId ? { problem_id: input.problemId } : {}),
    },
  });
}

export function useRunCode() {
  return useMutation({ mutationFn: runCode });
}
