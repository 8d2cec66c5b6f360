// Bundle budget: gzipped sizes of what the browser must download.
//   initial JS  = the entry chunk(s) index.html references plus everything they import
//                 statically (lazy chunks — pages, statement renderer, editor — excluded);
//   editor      = what loading the editor adds on top of the problem page that shows it (the
//                 CodeMirror chunk(s)), plus its extras (brackets, completion, search: loaded
//                 just after it) and every language grammar (all languages at once).
//   Also counted as initial: any other script index.html loads (the route preload script).
// Figures come from Vite's manifest (build.manifest), so the split is the bundler's own.
// Exit 1 when over budget. Usage: node scripts/check-budget.mjs [distDir]
import { readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const kInitialBudgetKb = 130;
const kEditorBudgetKb = 250;
const kEditorModule = "src/features/editor/code-editor.tsx";
const kEditorHostPage = "src/features/problems/problem-page.tsx";
const kEditorExtras = "src/features/editor/editor-extras.ts";
const kGrammarPattern = /@codemirror\/lang-[a-z]+\//;

const dist = resolve(process.argv[2] ?? "dist");
const manifestPath = join(dist, ".vite", "manifest.json");
if (!existsSync(manifestPath)) {
  console.error(`budget: ${manifestPath} not found; run "npm run build" first`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

// The chunk files reachable from `keys` through static imports only.
function staticClosure(keys) {
  const files = new Set();
  const seen = new Set();
  const stack = [...keys];
  while (stack.length) {
    const key = stack.pop();
    if (seen.has(key) || !manifest[key]) continue;
    seen.add(key);
    files.add(manifest[key].file);
    stack.push(...(manifest[key].imports ?? []));
  }
  return files;
}

const sum = (files) => [...files].reduce((total, file) => total + gzipKb(file), 0);
const minus = (files, ...others) => new Set([...files].filter((f) => !others.some((o) => o.has(f))));

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
const initial = staticClosure(entries);
// Classic scripts index.html loads besides the entry (not in the manifest's graph).
const html = readFileSync(join(dist, "index.html"), "utf8");
for (const [, src] of html.matchAll(/<script(?![^>]*type="module")[^>]*\ssrc="\/([^"]+)"/g)) initial.add(src);
for (const module of [kEditorModule, kEditorExtras]) {
  if (!manifest[module]) {
    console.error(`budget: ${module} is not a chunk of its own (is it still lazily imported?)`);
    process.exit(2);
  }
}
const editorCore = minus(staticClosure([kEditorModule]), initial, staticClosure([kEditorHostPage]));
const extras = minus(staticClosure([kEditorExtras]), initial, editorCore);
const grammars = Object.keys(manifest)
  .filter((key) => kGrammarPattern.test(key) && manifest[key].isDynamicEntry)
  .map((key) => ({ key, files: minus(staticClosure([key]), initial, editorCore) }));
const allGrammarFiles = new Set([...extras, ...grammars.flatMap((g) => [...g.files])]);

const initialKb = sum(initial);
const editorCoreKb = sum(editorCore);
const grammarsKb = sum(allGrammarFiles);
const editorKb = editorCoreKb + grammarsKb;
const cssKb = sum(new Set(entries.flatMap((key) => manifest[key].css ?? [])));

const fmt = (kb) => `${kb.toFixed(1)} KB`;
console.log("Bundle budget (gzip -9):");
console.log(`  initial JS         ${fmt(initialKb).padStart(10)}  (budget ${kInitialBudgetKb} KB; ${[...initial].join(", ")})`);
console.log(`  initial CSS        ${fmt(cssKb).padStart(10)}  (not budgeted)`);
console.log(`  editor core        ${fmt(editorCoreKb).padStart(10)}  (${[...editorCore].join(", ")})`);
console.log(`  + extras (brackets, completion, search) ${fmt(sum(extras)).padStart(9)}`);
for (const grammar of grammars) {
  const name = grammar.key.match(kGrammarPattern)[0].replace(/\/$/, "");
  console.log(`  + ${name.padEnd(24)} ${fmt(sum(grammar.files)).padStart(9)}`);
}
console.log(`  editor, all langs  ${fmt(editorKb).padStart(10)}  (budget ${kEditorBudgetKb} KB)`);

const failures = [];
if (initialKb > kInitialBudgetKb) failures.push(`initial JS ${fmt(initialKb)} > ${kInitialBudgetKb} KB`);
if (editorKb > kEditorBudgetKb) failures.push(`editor ${fmt(editorKb)} > ${kEditorBudgetKb} KB`);
if (failures.length) {
  console.error(`budget: OVER: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("budget: OK");
