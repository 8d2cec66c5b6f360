import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

export interface SubmitInput {
  problemId: number;
  language: string;
  code: string;
  clientId: string;
  contestId?: number; // submitted within a contest (the server checks its clock and participants)
}

export interface SubmitAccepted {
  id: number;
  status: string;
}

// client_id makes a double click (or a retried request) one submission, not two.
export function createSubmission(input: SubmitInput): Promise<SubmitAccepted> {
  return apiRequest("/api/submissions", {
    method: "POST",
    body: {
      problem_id: input.problemId,
      language: input.language,
      code: input.code,
      client_id: input.clientId,
      ...(input.contestId !== undefined ? { contest_id: input.contestId } : {}),
    },
  });
}

export function useCreateSubmission() {
  return useMutation({ mutationFn: createSubmission });
}

export function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
