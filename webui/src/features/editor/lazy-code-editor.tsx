import { Suspense } from "react";
import type { CodeEditorProps } from "./code-editor";
import { preloadableLazy } from "../../lib/preloadable-lazy";

const CodeEditor = preloadableLazy(() => import("./code-editor"));

// Starts downloading CodeMirror now (the problem route's loader calls it on navigation), so the
// editor renders at once when the page asks for it.
export const preloadCodeEditor = CodeEditor.preload;

// The editor with a placeholder of the same height while CodeMirror downloads.
export function LazyCodeEditor(props: CodeEditorProps) {
  return (
    <Suspense
      fallback={
        <div
          role="status"
          style={{ minHeight: props.minHeight ?? "320px" }}
          className="flex items-center justify-center rounded-md border border-slate-300 bg-white text-slate-400"
        >
          Loading editor…
        </div>
      }
    >
      <CodeEditor {...props} />
    </Suspense>
  );
}
