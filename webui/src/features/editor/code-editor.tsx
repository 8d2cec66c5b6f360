// The CodeMirror editor. This module (and CodeMirror with it) is loaded lazily; the grammar of
// the picked language is loaded on top of it, into a compartment so switching languages keeps
// the document and the undo history. The setup is CodeMirror's basicSetup split in two: what
// is here shows and edits text; the rest (editor-extras.ts: brackets, completion, search) is
// loaded into its own compartment once the editor is on screen.
import { useEffect, useLayoutEffect, useRef } from "react";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import {
  crosshairCursor,
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { grammarFor, loadGrammar } from "./language-support";
import { editorMounted } from "./editor-mounted";

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  languageId: string;
  label: string;
  minHeight?: string;
}

// basicSetup without what editor-extras.ts adds later.
const coreSetup: Extension = [
  lineNumbers(),
  highlightActiveLineGutter(),
  highlightSpecialChars(),
  history(),
  foldGutter(),
  drawSelection(),
  dropCursor(),
  EditorState.allowMultipleSelections.of(true),
  indentOnInput(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(),
  rectangularSelection(),
  crosshairCursor(),
  highlightActiveLine(),
  keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap]),
];

const theme = EditorView.theme({
  "&": { fontSize: "14px", border: "1px solid rgb(203 213 225)", borderRadius: "0.375rem" },
  "&.cm-focused": { outline: "2px solid rgb(99 102 241)" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" },
});

export default function CodeEditor({ value, onChange, languageId, label, minHeight = "320px" }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const extras = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  // A layout effect, not a passive one: the editor is built in the same commit as its host and
  // is in the first paint. A passive effect runs in a later task, after the paint, and on a
  // busy machine that left the host empty for hundreds of milliseconds.
  useLayoutEffect(() => {
    const editor = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({
        doc: value,
        extensions: [
          coreSetup,
          extras.current.of([]),
          keymap.of([indentWithTab]),
          theme,
          EditorView.theme({ ".cm-content, .cm-gutter": { minHeight } }),
          EditorView.contentAttributes.of({ "aria-label": label }),
          language.current.of([]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    editorMounted();
    let live = true;
    void import("./editor-extras").then(
      ({ editorExtras }) => {
        if (live) editor.dispatch({ effects: extras.current.reconfigure(editorExtras) });
      },
      () => undefined, // a plain editor still edits; nothing to report
    );
    return () => {
      live = false;
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; value and language changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    let cancelled = false;
    void loadGrammar(grammarFor(languageId)).then((grammar) => {
      if (!cancelled) view.current?.dispatch({ effects: language.current.reconfigure(grammar) });
    });
    return () => {
      cancelled = true;
    };
  }, [languageId]);

  // A new value from outside (a template, a restored draft): replace the document.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} data-testid="code-editor" className="bg-white" />;
}
