#pragma once
// Statement math for QTextDocument, which has no TeX renderer. Problem statements use a small,
// predictable part of TeX: variables, indices and powers, relations, Greek letters, fractions,
// roots, floors, sums, `\text{}`. That part maps onto the rich text QTextDocument draws:
// italic variables, <sub>/<sup>, Unicode symbols. So a contestant reads "1 ≤ n ≤ 10⁵" as the
// browser shows it with KaTeX, not "1 \le n \le 10^5".
//
// What is not understood is never dropped: an unknown command is shown as written (monospace),
// so a statement can look plainer than in the browser but never loses a symbol.

#include <QString>

namespace arena::desktop {

// The HTML (a fragment: inline elements only) for one TeX formula, without its $ delimiters.
QString texToHtml(const QString& tex);

// `markdown` with every $...$ (inline) and $$...$$ (display) formula replaced by texToHtml's
// HTML, as the web UI's renderer reads them: `\$` is a dollar sign; an inline formula neither
// starts nor ends with a space (so "$5 and $10" stays text); code spans and fenced blocks are
// left alone.
QString renderMathInMarkdown(const QString& markdown);

}  // namespace arena::desktop
