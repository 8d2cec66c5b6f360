import { beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import ProblemListPage from "./problem-list-page";
import { errorBody, fakeApi, makeSession } from "../../testing/fake-api";
import { renderPage } from "../../testing/render";
import { saveSession } from "../../lib/token-store";

const limits = { time_limit_ms: 1000, memory_limit_kb: 262144, output_limit_kb: 65536 };
const problems = [
  { id: 1, slug: "sum-of-two", title: "Sum of Two", difficulty: "easy", limits },
  { id: 2, slug: "shortest-path", title: "Shortest Path", difficulty: "medium", limits },
  { id: 3, slug: "lis-length", title: "LIS Length", difficulty: "hard", limits },
];

// No delay between keystrokes: typing is not what these tests are about.
const user = userEvent.setup({ delay: null });

beforeEach(() => {
  vi.unstubAllGlobals();
  saveSession(null);
});

const rowTitles = () => screen.queryAllByTestId("problem-row").map((row) => row.textContent ?? "");

describe("ProblemListPage", () => {
  it("lists problems with links to their pages", async () => {
    fakeApi({ "GET /api/problems": () => ({ body: { problems } }) });
    renderPage(<ProblemListPage />);
    expect(await screen.findByText("Sum of Two")).toBeInTheDocument();
    expect(screen.getByText("Shortest Path").closest("a")).toHaveAttribute("href", "/problems/shortest-path");
    expect(rowTitles()).toHaveLength(3);
  });

  it("filters by difficulty and by title", async () => {
    fakeApi({ "GET /api/problems": () => ({ body: { problems } }) });
    renderPage(<ProblemListPage />);
    await screen.findByText("Sum of Two");
    await user.selectOptions(screen.getByLabelText("Difficulty"), "medium");
    expect(rowTitles()).toEqual([expect.stringContaining("Shortest Path")]);
    await user.selectOptions(screen.getByLabelText("Difficulty"), "");
    await user.type(screen.getByLabelText("Search by title"), "lis");
    expect(rowTitles()).toEqual([expect.stringContaining("LIS Length")]);
    await user.type(screen.getByLabelText("Search by title"), "zzz");
    expect(screen.getByText("No problem matches these filters.")).toBeInTheDocument();
  });

  it("marks problems the user has an accepted submission for", async () => {
    saveSession(makeSession());
    fakeApi({
      "GET /api/problems": () => ({ body: { problems } }),
      "GET /api/submissions": () => ({
        body: {
          submissions: [
            { id: 9, problem_id: 2, verdict: "AC", status: "judged" },
            { id: 8, problem_id: 1, verdict: "WA", status: "judged" },
          ],
          next_cursor: null,
        },
      }),
    });
    renderPage(<ProblemListPage />);
    const row = (await screen.findByText("Shortest Path")).closest("li") as HTMLElement;
    expect(await within(row).findByLabelText("solved")).toBeInTheDocument();
    const other = screen.getByText("Sum of Two").closest("li") as HTMLElement;
    expect(within(other).getByLabelText("not solved")).toBeInTheDocument();
  });

  it("shows an empty state when there are no problems", async () => {
    fakeApi({ "GET /api/problems": () => ({ body: { problems: [] } }) });
    renderPage(<ProblemListPage />);
    expect(await screen.findByText("No problems yet.")).toBeInTheDocument();
  });

  it("shows the server's error with a retry button", async () => {
    let fail = true;
    fakeApi({
      "GET /api/problems": () => (fail ? errorBody("unavailable", "the database is restarting", 503) : { body: { problems } }),
    });
    renderPage(<ProblemListPage />);
    expect(await screen.findByRole("alert")).toHaveTextContent("The database is restarting");
    fail = false;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Sum of Two")).toBeInTheDocument();
  });
});
