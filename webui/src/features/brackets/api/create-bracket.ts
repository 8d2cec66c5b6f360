import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import type { Bracket, CreateBracketBody } from "./types";

export function createBracket(body: CreateBracketBody): Promise<Bracket> {
  return apiRequest("/api/brackets", { method: "POST", body });
}

export function useCreateBracket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBracket,
    onSuccess: (bracket) => {
      queryClient.setQueryData(["bracket", bracket.id], bracket);
      void queryClient.invalidateQueries({ queryKey: ["brackets"] });
    },
  });
}
