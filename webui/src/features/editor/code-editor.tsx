// The CodeMirror editor. This module (and CodeMirror with it) is loaded lazily; the grammar of
// the picked language is loaded on top of it, into a compartment so switching languages keeps
// the document and the undo history.
import { useEffect, useRef } from "react";
import { basicSetup } from "codemirror";
import { Compartment, EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { grammarFor, loadGrammar } from "./language-support";

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  languageId: string;
  label: string;
  minHeight?: string;
}

const theme = EditorView.theme({
  "&": { fontSize: "14px", border: "1px solid rgb(203 213 225)", borderRadius: "0.375rem" },
  "&.cm-focused": { outline: "2px solid rgb(99 102 241)" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" },
});

export default function CodeEditor({ value, onChange, languageId, label, minHeight = "320px" }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current as HTMLDivElement,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
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
    return () => {
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
