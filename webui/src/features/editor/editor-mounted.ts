// "The editor is on screen": the problem page's statement (Markdown, KaTeX, DOMPurify: the
// largest chunk after React) waits for it, so on a cold load the two do not compete for the
// main thread and the editor — what people wait for — comes first. The statement follows a
// moment later. A timeout keeps a failing or absent editor from holding the statement back.
let markMounted: () => void = () => undefined;
const mounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});

// Called by the code editor once it can be typed into.
export function editorMounted(): void {
  markMounted();
}

// Resolves once an editor has mounted in this page's lifetime, or after `timeoutMs`.
export function afterEditorMounted(timeoutMs: number): Promise<void> {
  return Promise.race([mounted, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
