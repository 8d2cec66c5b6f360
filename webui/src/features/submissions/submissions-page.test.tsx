import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import SubmissionsPage from "./submissions-page";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";

const user = userEvent.setup({ delay: null });
const limits = { time_limit_ms: 1000, memory_limit_kb: 262144, output_limit_kb: 65536 };
// As the server sends list pages: no code, no tests.
const row = (id: number, verdict: string | null, status = "judged") => ({
  id, user_id: 7, problem_id: 1, language: "python3", status, verdict, exec_time_ms: 21, memory_kb: 9000, created_at: "2026-01-01T10:00:00Z",
});

beforeEach(() => {
  vi.unstubAllGlobals();
  saveSession(makeSession());
});

describe("SubmissionsPage", () => {
  it("lists verdict, time and memory, and fetches the code when asked", async () => {
    fakeApi({
      "GET /api/problems": () => ({ body: { problems: [{ id: 1, slug: "sum-of-two", title: "Sum of Two", difficulty: "easy", limits }] } }),
      "GET /api/submissions": () => ({ body: { submissions: [row(2, "WA"), row(1, "AC")], next_cursor: null } }),
      "GET /api/submissions/1": () => ({ body: { ...row(1, "AC"), code: "print(42)", tests: [] } }),
    });
    renderPage(<SubmissionsPage />);
    const rows = await screen.findAllByTestId("submission-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText("WA")).toBeInTheDocument();
    expect(within(rows[1]).getByText("21 ms")).toBeInTheDocument();
    expect(within(rows[1]).getByText("8.8 MB")).toBeInTheDocument();
    expect(await within(rows[1]).findByText("Sum of Two")).toHaveAttribute("href", "/problems/sum-of-two");
    await user.click(within(rows[1]).getByRole("button", { name: "Code" }));
    expect(await screen.findByTestId("submission-code")).toHaveTextContent("print(42)");
  });

  it("pages with the cursor", async () => {
    const { calls } = fakeApi({
      "GET /api/problems": () => ({ body: { problems: [] } }),
      "GET /api/submissions?mine=1&limit=20": () => ({ body: { submissions: [row(3, "AC")], next_cursor: "c1" } }),
      "GET /api/submissions?mine=1&limit=20&cursor=c1": () => ({ body: { submissions: [row(1, "TLE")], next_cursor: null } }),
    });
    renderPage(<SubmissionsPage />);
    await user.click(await screen.findByRole("button", { name: "Load more" }));
    expect(await screen.findByText("TLE")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(calls.some((c) => c.url.includes("cursor=c1"))).toBe(true);
  });

  it("has an empty state and an error state", async () => {
    fakeApi({
      "GET /api/problems": () => ({ body: { problems: [] } }),
      "GET /api/submissions": () => ({ body: { submissions: [], next_cursor: null } }),
    });
    const first = renderPage(<SubmissionsPage />);
    expect(await screen.findByText(/No submissions yet/)).toBeInTheDocument();
    first.unmount();
    fakeApi({
      "GET /api/problems": () => ({ body: { problems: [] } }),
      "GET /api/submissions": () => errorBody("internal", "storage failed", 500),
    });
    renderPage(<SubmissionsPage />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Storage failed");
  });
});
