import { describe, expect, it } from "vitest";
import { bracketBodyFromForm, decisionText, parsePlayers } from "./bracket-form";

const form = { name: "Class 7B", players: "", rated: false, problemIds: [] as number[] };

describe("parsePlayers", () => {
  it("reads ids as numbers and anything else as usernames, in order", () => {
    expect(parsePlayers(" 7, ada\nbob;12  0x1  007 ")).toEqual([7, "ada", "bob", 12, "0x1", "007"]);
    expect(parsePlayers("  ,, \n")).toEqual([]);
  });
});

describe("bracketBodyFromForm", () => {
  it("sends the name, players, rated flag and the problems only when ticked", () => {
    expect(bracketBodyFromForm({ ...form, players: "ada bob 9" })).toEqual({
      ok: true,
      body: { name: "Class 7B", players: ["ada", "bob", 9], rated: false },
    });
    const withPool = bracketBodyFromForm({ ...form, players: "ada bob", rated: true, problemIds: [4, 2] });
    expect(withPool).toEqual({ ok: true, body: { name: "Class 7B", players: ["ada", "bob"], rated: true, problem_ids: [4, 2] } });
  });

  it("refuses what the server would refuse before sending it", () => {
    expect(bracketBodyFromForm({ ...form, name: "  ", players: "a b" })).toEqual({ ok: false, message: "Give the bracket a name." });
    expect(bracketBodyFromForm({ ...form, players: "ada" })).toMatchObject({ ok: false, message: expect.stringContaining("2 to 64") });
    const crowd = Array.from({ length: 65 }, (_, i) => `p${i}`).join(" ");
    expect(bracketBodyFromForm({ ...form, players: crowd })).toMatchObject({ ok: false, message: expect.stringContaining("65 given") });
    expect(bracketBodyFromForm({ ...form, players: "ada bob ada" })).toEqual({ ok: false, message: "ada is listed twice." });
  });
});

describe("decisionText", () => {
  it("says how a slot was decided in words", () => {
    expect(decisionText("fewer_wrong_tries")).toBe("draw: fewer wrong tries");
    expect(decisionText("forfeit")).toBe("opponent forfeited");
    expect(decisionText(null)).toBe("");
  });
});
