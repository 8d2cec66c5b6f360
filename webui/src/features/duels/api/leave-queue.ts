import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

export function leaveQueue(): Promise<void> {
  return apiRequest("/api/match/queue", { method: "DELETE" });
}

export function useLeaveQueue() {
  return useMutation({ mutationFn: leaveQueue });
}
