import { describe, expect, it } from "vitest";
import { isProctor, noticeFor } from "./use-contest-live";

const answered = { contest_id: 5, answer: "Yes.", answered_by: 1, from_user_id: 7, question: "Q?" };

describe("contest notices", () => {
  it("announces answers, announcements and (for proctors) new questions of this contest", () => {
    expect(noticeFor({ type: "clarification.answered", data: answered }, 5, 7)).toBe("Clarification answered: Yes.");
    expect(noticeFor({ type: "announcement", data: { ...answered, answer: "Lunch" } }, 5, 7)).toBe("Announcement: Lunch");
    expect(noticeFor({ type: "clarification.new", data: answered }, 5, 1)).toBe("New question: Q?");
  });

  it("ignores other contests, scoreboard changes and one's own actions", () => {
    expect(noticeFor({ type: "clarification.answered", data: { ...answered, contest_id: 6 } }, 5, 7)).toBeNull();
    expect(noticeFor({ type: "contest.scoreboard", data: { contest_id: 5 } }, 5, 7)).toBeNull();
    expect(noticeFor({ type: "clarification.answered", data: answered }, 5, 1)).toBeNull();
    expect(noticeFor({ type: "clarification.new", data: answered }, 5, 7)).toBeNull();
  });

  it("takes admins as proctors", () => {
    expect(isProctor("admin")).toBe(true);
    expect(isProctor("proctor")).toBe(true);
    expect(isProctor("contestant")).toBe(false);
    expect(isProctor(undefined)).toBe(false);
  });
});
