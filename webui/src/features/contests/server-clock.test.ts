import { describe, expect, it } from "vitest";
import { clockOffsetMs, countdownTarget, formatCountdown, msUntil } from "./server-clock";

describe("server clock", () => {
  it("takes the offset as server time minus the browser time the response arrived", () => {
    const browserNow = Date.parse("2026-01-01T10:00:00Z");
    expect(clockOffsetMs("2026-01-01T10:05:00.000Z", browserNow)).toBe(5 * 60_000);
    expect(clockOffsetMs("2026-01-01T09:59:58.500Z", browserNow)).toBe(-1500);
  });

  it("treats an unreadable server time as no offset rather than NaN", () => {
    expect(clockOffsetMs("yesterday", 123)).toBe(0);
  });

  it("counts down on the server's clock when the browser's is wrong", () => {
    // The browser runs 10 minutes slow: by its own clock the start is 15 minutes away, but the
    // server says 5 minutes, and 5 minutes it is.
    const browserNow = Date.parse("2026-01-01T09:45:00Z");
    const offset = clockOffsetMs("2026-01-01T09:55:00Z", browserNow);
    expect(msUntil("2026-01-01T10:00:00Z", offset, browserNow)).toBe(5 * 60_000);
    // A second later on the browser is a second later on the server.
    expect(msUntil("2026-01-01T10:00:00Z", offset, browserNow + 1000)).toBe(5 * 60_000 - 1000);
  });

  it("goes negative once the target has passed", () => {
    expect(msUntil("2026-01-01T10:00:00Z", 0, Date.parse("2026-01-01T10:00:03Z"))).toBe(-3000);
  });

  it("formats hours, minutes and seconds, days when needed, and never below zero", () => {
    expect(formatCountdown(0)).toBe("00:00:00");
    expect(formatCountdown(-5000)).toBe("00:00:00");
    expect(formatCountdown(61_000)).toBe("00:01:01");
    expect(formatCountdown(3 * 3600_000 + 4 * 60_000 + 5000)).toBe("03:04:05");
    expect(formatCountdown(2 * 86_400_000 + 3600_000)).toBe("2d 01:00:00");
  });

  it("rounds a part second up so zero is shown only when the time is reached", () => {
    expect(formatCountdown(200)).toBe("00:00:01");
  });

  it("counts down to the start, then to the end, then to nothing", () => {
    const times = { starts_at: "S", ends_at: "E" };
    expect(countdownTarget({ ...times, state: "scheduled" })).toEqual({ label: "Starts in", at: "S" });
    expect(countdownTarget({ ...times, state: "running" })).toEqual({ label: "Ends in", at: "E" });
    expect(countdownTarget({ ...times, state: "frozen" })).toEqual({ label: "Ends in", at: "E" });
    expect(countdownTarget({ ...times, state: "ended" })).toBeNull();
    expect(countdownTarget({ ...times, state: "unfrozen" })).toBeNull();
  });
});
