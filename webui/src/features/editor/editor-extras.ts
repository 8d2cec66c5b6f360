// The editor's conveniences that typing does not need in its first second: bracket closing,
// completion, search and selection-match highlighting (with their keymaps). They are a chunk of
// their own, loaded right after the editor is on screen (as the grammars are), which keeps
// about a sixth of CodeMirror off the path to a visible editor.
import { keymap } from "@codemirror/view";
import { Prec, type Extension } from "@codemirror/state";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { autocompletion, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { lintKeymap } from "@codemirror/lint";

// Prec.high: Backspace must delete a bracket pair before the default keymap deletes one char,
// as in CodeMirror's basicSetup (where this keymap comes first). autocompletion() brings its own
// keymap at the highest precedence.
export const editorExtras: Extension = [
  closeBrackets(),
  autocompletion(),
  highlightSelectionMatches(),
  Prec.high(keymap.of([...closeBracketsKeymap, ...searchKeymap, ...lintKeymap])),
];
