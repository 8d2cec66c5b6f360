import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";

export interface Language {
  id: string;
  name: string;
  extensions?: string[];
}

export function getLanguages(): Promise<{ languages: Language[] }> {
  return apiRequest("/api/languages");
}

export function useLanguages() {
  return useQuery({
    queryKey: ["languages"],
    queryFn: getLanguages,
    staleTime: Infinity,
    select: (data) => data.languages,
  });
}
