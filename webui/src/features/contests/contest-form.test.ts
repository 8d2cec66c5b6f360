import { describe, expect, it } from "vitest";
import { contestBodyFromForm, parseUserIds, problemLabel, type ContestForm } from "./contest-form";

const form: ContestForm = {
  name: "  Spring Cup ",
  startsAtLocal: "2026-03-01T10:00",
  durationMinutes: "300",
  freezeAfterMinutes: "240",
  rules: "icpc",
  visibility: "private",
  problemIds: [12, 3, 7],
};

describe("the create-contest form", () => {
  it("labels problems A, B, C in the order picked and converts minutes to seconds", () => {
    const result = contestBodyFromForm(form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toMatchObject({
      name: "Spring Cup",
      duration_seconds: 18_000,
      freeze_after_seconds: 14_400,
      rules: "icpc",
      visibility: "private",
      problems: [
        { problem_id: 12, label: "A" },
        { problem_id: 3, label: "B" },
        { problem_id: 7, label: "C" },
      ],
    });
    // The local time the proctor typed, sent as an absolute instant.
    expect(result.body.starts_at).toBe(new Date("2026-03-01T10:00").toISOString());
  });

  it("leaves the freeze out when blank", () => {
    const result = contestBodyFromForm({ ...form, freezeAfterMinutes: " " });
    expect(result.ok && "freeze_after_seconds" in result.body).toBe(false);
  });

  it.each([
    [{ name: "  " }, /name/],
    [{ startsAtLocal: "" }, /start/],
    [{ durationMinutes: "0" }, /duration/],
    [{ durationMinutes: "90.5" }, /duration/],
    [{ freezeAfterMinutes: "301" }, /freeze/],
    [{ freezeAfterMinutes: "-1" }, /freeze/],
    [{ problemIds: [] }, /problem/],
  ])("refuses %o", (change, message) => {
    const result = contestBodyFromForm({ ...form, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it("labels past Z as AA, AB", () => {
    expect(problemLabel(0)).toBe("A");
    expect(problemLabel(25)).toBe("Z");
    expect(problemLabel(26)).toBe("AA");
    expect(problemLabel(27)).toBe("AB");
  });
});

describe("participant ids", () => {
  it("reads ids separated by commas or spaces, once each", () => {
    expect(parseUserIds("3, 5 12;5")).toEqual([3, 5, 12]);
  });

  it("refuses anything that is not a positive whole id", () => {
    expect(parseUserIds("")).toBeNull();
    expect(parseUserIds("3, bob")).toBeNull();
    expect(parseUserIds("0")).toBeNull();
    expect(parseUserIds("2.5")).toBeNull();
  });
});
