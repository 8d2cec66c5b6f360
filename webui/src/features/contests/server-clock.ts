// Contest countdowns follow the server's clock, not the browser's: a lab machine whose clock is
// minutes off must still show the right time to the start. Every contest response carries
// server_time; the offset (server minus browser, taken when the response arrived) is added to
// Date.now() whenever a countdown is drawn. Network latency makes it a little late, which errs
// on the safe side (a countdown never reaches zero before the server's does).

export function clockOffsetMs(serverTime: string, receivedAtMs: number): number {
  const server = Date.parse(serverTime);
  return Number.isNaN(server) ? 0 : server - receivedAtMs;
}

// Milliseconds from "now on the server" to `target` (negative once it has passed).
export function msUntil(target: string, offsetMs: number, nowMs: number): number {
  const at = Date.parse(target);
  return Number.isNaN(at) ? 0 : at - (nowMs + offsetMs);
}

// "2d 03:04:05", "03:04:05", "00:00:00" once reached.
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

export interface CountdownTarget {
  label: string;
  at: string;
}

// What a contest counts down to in its state: the start, then the end.
export function countdownTarget(contest: { state: string; starts_at: string; ends_at: string }): CountdownTarget | null {
  if (contest.state === "scheduled") return { label: "Starts in", at: contest.starts_at };
  if (contest.state === "running" || contest.state === "frozen") return { label: "Ends in", at: contest.ends_at };
  return null;
}
