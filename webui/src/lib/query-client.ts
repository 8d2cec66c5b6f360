import { QueryClient } from "@tanstack/react-query";
import { isApiError } from "./api-error";

// Errors a retry cannot fix (4xx) are shown at once; network and 5xx errors get two retries.
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
      mutations: { retry: false },
    },
  });
}
