import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { clockOffsetMs } from "../server-clock";
import type { Contest } from "./types";

export interface ContestList {
  contests: Contest[];
  offsetMs: number; // server clock minus browser clock
}

export async function getContests(): Promise<ContestList> {
  const body = await apiRequest<{ contests: Contest[]; server_time: string }>("/api/contests");
  return { contests: body.contests, offsetMs: clockOffsetMs(body.server_time, Date.now()) };
}

export function useContests() {
  return useQuery({ queryKey: ["contests"], queryFn: getContests });
}
