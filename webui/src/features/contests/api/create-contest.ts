import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Contest, ContestRules } from "./types";

export interface CreateContestBody {
  name: string;
  starts_at: string;
  duration_seconds: number;
  freeze_after_seconds?: number;
  rules: ContestRules;
  visibility: "public" | "private";
  problems: { problem_id: number; label: string; color?: string }[];
}

export function createContest(body: CreateContestBody): Promise<Contest> {
  return apiRequest("/api/contests", { method: "POST", body });
}

export function useCreateContest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createContest,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["contests"] }),
  });
}
