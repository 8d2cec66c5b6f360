// Each grammar is its own lazy chunk: picking Python downloads the Python grammar, nothing else.
// Language ids come from GET /api/languages ("c", "cpp17", "python3", "java17", "javascript").
import type { Extension } from "@codemirror/state";

export type GrammarName = "cpp" | "python" | "java" | "javascript";

export function grammarFor(languageId: string): GrammarName | null {
  const id = languageId.toLowerCase();
  if (id === "c" || id.startsWith("c1") || id.startsWith("cpp") || id.startsWith("c++") || id === "gcc") {
    return "cpp";
  }
  if (id.startsWith("py")) return "python";
  if (id.startsWith("java") && !id.startsWith("javascript")) return "java";
  if (id.startsWith("javascript") || id === "js" || id.startsWith("node")) return "javascript";
  return null;
}

export async function loadGrammar(name: GrammarName | null): Promise<Extension> {
  switch (name) {
    case "cpp":
      return (await import("@codemirror/lang-cpp")).cpp();
    case "python":
      return (await import("@codemirror/lang-python")).python();
    case "java":
      return (await import("@codemirror/lang-java")).java();
    case "javascript":
      return (await import("@codemirror/lang-javascript")).javascript();
    default:
      return [];
  }
}
