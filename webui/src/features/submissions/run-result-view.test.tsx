import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { RunResultView, sameOutput } from "./run-result-view";

const ok = { id: null, status: "OK" as const, exec_time_ms: 8, memory_kb: 2048, stdout: "3\n", stderr: "", compile_output: "", exit_code: 0 };

describe("sameOutput", () => {
  it("ignores trailing spaces, CRLF and the final newline", () => {
    expect(sameOutput("3 \r\n7\n\n", "3\n7")).toBe(true);
  });
  it("does not ignore a different token or a missing line", () => {
    expect(sameOutput("3\n8\n", "3\n7\n")).toBe(false);
    expect(sameOutput("3\n", "3\n7\n")).toBe(false);
  });
});

describe("RunResultView", () => {
  it("says when the output matches the sample", () => {
    render(<RunResultView result={ok} expected="3" />);
    expect(screen.getByTestId("sample-match")).toHaveAttribute("data-match", "yes");
    expect(screen.getByText("2.0 MB", { exact: false })).toBeInTheDocument();
  });
  it("shows the expected output next to a wrong one", () => {
    render(<RunResultView result={{ ...ok, stdout: "4\n" }} expected="3" />);
    expect(screen.getByTestId("sample-match")).toHaveAttribute("data-match", "no");
    expect(screen.getByText("Expected")).toBeInTheDocument();
  });
  it("shows compiler output for a compile error", () => {
    render(<RunResultView result={{ ...ok, status: "CE", stdout: "", compile_output: "main.cpp:1: error" }} />);
    expect(screen.getByText("Compile error")).toBeInTheDocument();
    expect(screen.getByText("main.cpp:1: error")).toBeInTheDocument();
  });
});
