// Markdown + TeX to safe HTML. Statements are written by proctors, but a statement is still
// input: whatever marked and KaTeX produce goes through DOMPurify, which strips <script>, event
// handler attributes (onerror=...), javascript: URLs and the like. This module is loaded lazily
// with KaTeX's stylesheet and fonts, so the problem list never pays for it.
import { Marked } from "marked";
import markedKatex from "marked-katex-extension";
import DOMPurify from "dompurify";
import "katex/dist/katex.min.css";

const markdown = new Marked({ gfm: true, breaks: false });
markdown.use(markedKatex({ throwOnError: false, nonStandard: true, output: "htmlAndMathml" }));

// Links in a statement open in a new tab and cannot reach back into the app.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.getAttribute("href")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
});

export function renderStatement(source: string): string {
  const html = markdown.parse(source, { async: false }) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "iframe"],
  });
}
