import { renderHook } from "@testing-library/react";
import { useLanguageChoice } from "./use-language-choice";

const kLanguages = [
  { id: "c", name: "C" },
  { id: "cpp20", name: "C++20" },
  { id: "python3", name: "Python 3" },
];

describe("useLanguageChoice", () => {
  beforeEach(() => localStorage.clear());

  it("gives the editor a language before the list has loaded", () => {
    const { result } = renderHook(() => useLanguageChoice(undefined));
    expect(result.current[0]).toBe("cpp17");
  });

  it("uses the remembered language before the list has loaded", () => {
    localStorage.setItem("arena.language", "python3");
    const { result } = renderHook(() => useLanguageChoice(undefined));
    expect(result.current[0]).toBe("python3");
  });

  it("falls back to the server's first C++ when the early guess is not offered", () => {
    const { result, rerender } = renderHook(({ list }) => useLanguageChoice(list), {
      initialProps: { list: undefined as typeof kLanguages | undefined },
    });
    expect(result.current[0]).toBe("cpp17");
    rerender({ list: kLanguages });
    expect(result.current[0]).toBe("cpp20");
  });
});
