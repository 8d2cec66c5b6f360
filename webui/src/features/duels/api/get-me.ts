import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { SessionUser } from "../../../lib/token-store";

// The current user as the server has it now: the rating in the stored session is the one from
// the last login, and duels change it.
export function getMe(): Promise<SessionUser> {
  return apiRequest("/api/auth/me");
}

export function useMe() {
  return useQuery({ queryKey: ["me"], queryFn: getMe });
}
