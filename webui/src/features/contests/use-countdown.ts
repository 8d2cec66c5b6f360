import { useEffect, useState } from "react";
import { msUntil } from "./server-clock";

// Re-renders every second; returns the time left to `target` on the server's clock.
export function useCountdown(target: string | null, offsetMs: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!target) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [target]);
  return target ? msUntil(target, offsetMs, now) : null;
}
