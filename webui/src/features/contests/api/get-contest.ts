import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { clockOffsetMs } from "../server-clock";
import type { Contest } from "./types";

export interface ContestWithClock {
  contest: Contest;
  offsetMs: number;
}

export async function getContest(id: number): Promise<ContestWithClock> {
  const contest = await apiRequest<Contest>(`/api/contests/${id}`);
  return { contest, offsetMs: clockOffsetMs(contest.server_time, Date.now()) };
}

export function useContest(id: number) {
  return useQuery({ queryKey: ["contest", id], queryFn: () => getContest(id) });
}
