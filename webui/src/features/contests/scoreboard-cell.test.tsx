import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { ScoreboardCell, icpcCellKind, ioiCellKind } from "./scoreboard-cell";
import type { IcpcCell, IoiCell } from "./api/types";

const icpc = (cell: Partial<IcpcCell>): IcpcCell => ({
  problem_id: 1,
  num_judged: 0,
  num_pending: 0,
  solved: false,
  first_to_solve: false,
  ...cell,
});

function renderCell(cell: IcpcCell | IoiCell | undefined, rules: "icpc" | "ioi" = "icpc") {
  render(
    <table>
      <tbody>
        <tr>
          <ScoreboardCell rules={rules} cell={cell} />
        </tr>
      </tbody>
    </table>,
  );
  return screen.getByRole("cell");
}

describe("ICPC scoreboard cells", () => {
  it("classifies solved, first to solve, pending, failed and untouched", () => {
    expect(icpcCellKind(icpc({ solved: true, num_judged: 1, time: 3 }))).toBe("solved");
    expect(icpcCellKind(icpc({ solved: true, num_judged: 1, time: 3, first_to_solve: true }))).toBe("first");
    expect(icpcCellKind(icpc({ num_judged: 2, num_pending: 1 }))).toBe("pending");
    expect(icpcCellKind(icpc({ num_judged: 2 }))).toBe("failed");
    expect(icpcCellKind(icpc({}))).toBe("empty");
  });

  it("a solve after rejected tries shows the tries and the minutes", () => {
    const cell = renderCell(icpc({ solved: true, num_judged: 3, time: 47 }));
    expect(cell).toHaveAttribute("data-kind", "solved");
    expect(cell).toHaveTextContent("✓3 tries · 47′");
  });

  it("marks the first to solve", () => {
    const cell = renderCell(icpc({ solved: true, num_judged: 1, time: 5, first_to_solve: true }));
    expect(cell).toHaveAttribute("data-kind", "first");
    expect(cell).toHaveAttribute("title", "First to solve");
    expect(cell).toHaveTextContent("1 try · 5′");
  });

  it("a submission after the freeze is pending even when an earlier one was rejected, and shows no time", () => {
    const cell = renderCell(icpc({ num_judged: 1, num_pending: 2 }));
    expect(cell).toHaveAttribute("data-kind", "pending");
    expect(cell).toHaveTextContent("?3 tries");
    expect(cell).not.toHaveTextContent("′");
  });

  it("rejected tries only show in red with their count", () => {
    const cell = renderCell(icpc({ num_judged: 2 }));
    expect(cell).toHaveAttribute("data-kind", "failed");
    expect(cell).toHaveTextContent("✗2 tries");
  });

  it("an untouched problem shows a dot", () => {
    expect(renderCell(icpc({}))).toHaveTextContent("·");
  });

  it("a missing cell renders as an empty cell, not a crash", () => {
    expect(renderCell(undefined)).toHaveTextContent("·");
  });
});

describe("IOI scoreboard cells", () => {
  it("shows the score, and a question mark while a submission is pending", () => {
    expect(ioiCellKind({ problem_id: 1, score: 40, num_judged: 2, num_pending: 0 })).toBe("scored");
    const cell = renderCell({ problem_id: 1, score: 40, num_judged: 2, num_pending: 1 }, "ioi");
    expect(cell).toHaveAttribute("data-kind", "pending");
    expect(cell).toHaveTextContent("40?");
  });

  it("a zero score after a submission is shown as 0, not as untouched", () => {
    const cell = renderCell({ problem_id: 1, score: 0, num_judged: 1, num_pending: 0 }, "ioi");
    expect(cell).toHaveAttribute("data-kind", "scored");
    expect(cell).toHaveTextContent("0");
  });
});
