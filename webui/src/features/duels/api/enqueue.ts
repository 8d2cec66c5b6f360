import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

// Joins the duel queue; joining twice is harmless on the server.
export function enqueue(): Promise<{ status: string }> {
  return apiRequest("/api/match/enqueue", { method: "POST" });
}

export function useEnqueue() {
  return useMutation({ mutationFn: enqueue });
}
