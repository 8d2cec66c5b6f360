import type { CreateContestBody } from "./api/create-contest";
import type { ContestRules } from "./api/types";

// What the create-contest form holds, as typed (strings from inputs), and its translation to
// the API's body. Kept apart from the page so the rules (labels A, B, ...; minutes to seconds;
// the local start time to UTC) are tested without a browser.
export interface ContestForm {
  name: string;
  startsAtLocal: string; // <input type="datetime-local"> value, the proctor's local time
  durationMinutes: string;
  freezeAfterMinutes: string; // blank: no freeze
  rules: ContestRules;
  visibility: "public" | "private";
  problemIds: number[]; // in the order they were picked
}

export function problemLabel(index: number): string {
  // A..Z, then AA, AB, ... (a contest rarely has more than 26 problems, but it must not break)
  return index < 26 ? String.fromCharCode(65 + index) : problemLabel(Math.floor(index / 26) - 1) + problemLabel(index % 26);
}

export type FormResult = { ok: true; body: CreateContestBody } | { ok: false; message: string };

export function contestBodyFromForm(form: ContestForm): FormResult {
  const name = form.name.trim();
  if (!name) return { ok: false, message: "Give the contest a name." };
  const start = new Date(form.startsAtLocal);
  if (!form.startsAtLocal || Number.isNaN(start.getTime())) return { ok: false, message: "Pick a start time." };
  const duration = Number(form.durationMinutes);
  if (!Number.isInteger(duration) || duration <= 0) return { ok: false, message: "The duration is a whole number of minutes." };
  let freeze: number | undefined;
  if (form.freezeAfterMinutes.trim()) {
    freeze = Number(form.freezeAfterMinutes);
    if (!Number.isInteger(freeze) || freeze < 0 || freeze > duration) {
      return { ok: false, message: "The freeze comes between the start and the end (minutes after the start)." };
    }
  }
  if (form.problemIds.length === 0) return { ok: false, message: "Pick at least one problem." };
  return {
    ok: true,
    body: {
      name,
      starts_at: start.toISOString(),
      duration_seconds: duration * 60,
      ...(freeze !== undefined ? { freeze_after_seconds: freeze * 60 } : {}),
      rules: form.rules,
      visibility: form.visibility,
      problems: form.problemIds.map((problemId, index) => ({ problem_id: problemId, label: problemLabel(index) })),
    },
  };
}

// "3, 5 12" -> [3, 5, 12]; null when something is not a user id.
export function parseUserIds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const ids = parts.map(Number);
  return parts.length > 0 && ids.every((id) => Number.isInteger(id) && id > 0) ? [...new Set(ids)] : null;
}
