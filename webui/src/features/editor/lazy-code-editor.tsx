import { lazy, Suspense } from "react";
import type { CodeEditorProps } from "./code-editor";

const CodeEditor = lazy(() => import("./code-editor"));

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
