import { describe, expect, it } from "vitest";
import { grammarFor } from "./language-support";
import { templateFor } from "./templates";

describe("grammarFor", () => {
  it("maps the server's language ids to a grammar", () => {
    expect(grammarFor("c")).toBe("cpp");
    expect(grammarFor("cpp17")).toBe("cpp");
    expect(grammarFor("cpp20")).toBe("cpp");
    expect(grammarFor("python3")).toBe("python");
    expect(grammarFor("java17")).toBe("java");
    expect(grammarFor("javascript")).toBe("javascript");
    expect(grammarFor("brainfuck")).toBeNull();
  });
});

describe("templateFor", () => {
  it("gives each language a program of its own kind", () => {
    expect(templateFor("c")).toContain("<stdio.h>");
    expect(templateFor("cpp17")).toContain("using namespace std");
    expect(templateFor("python3")).toContain("sys.stdin");
    expect(templateFor("java17")).toContain("public class Main");
    expect(templateFor("javascript")).toContain('require("fs")');
    expect(templateFor("unknown")).toBe("");
  });
});
