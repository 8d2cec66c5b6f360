// Statement math on the desktop: TeX becomes rich text QTextDocument draws (sub/superscripts,
// italic variables, symbols), through the same Markdown path the problem view uses.

#include <QJsonObject>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>

#include "features/problems/statement_renderer.hpp"
#include "features/problems/tex_to_html.hpp"

using namespace arena::desktop;

namespace {

QTextDocument* render(const QString& markdown, QObject* parent) {
  auto* document = new QTextDocument(parent);
  document->setMarkdown(markdown);
  return document;
}

// The character format at the first occurrence of `text` in `document` (after `after`).
QTextCharFormat formatAt(QTextDocument* document, const QString& text, const QString& after = {}) {
  const QString plain = document->toPlainText();
  const qsizetype start = after.isEmpty() ? 0 : plain.indexOf(after) + after.size();
  const qsizetype at = plain.indexOf(text, start);
  if (at < 0) return {};
  QTextCursor cursor(document);
  cursor.setPosition(static_cast<int>(at) + 1);  // the format of the character before the cursor
  return cursor.charFormat();
}

}  // namespace

class TexToHtmlTest : public QObject {
  Q_OBJECT
 private slots:
  void boundsReadAsTheBrowserShowsThem() {
    QTextDocument* document = render(renderMathInMarkdown("Given $1 \\le n \\le 10^5$ numbers."), this);
    QCOMPARE(document->toPlainText(), QString("Given 1 ≤ n ≤ 105 numbers."));
    QCOMPARE(formatAt(document, "5", "10").verticalAlignment(), QTextCharFormat::AlignSuperScript);
    QVERIFY(formatAt(document, "n", "1 ≤ ").fontItalic());
    QVERIFY(!formatAt(document, "1").fontItalic());
  }

  void indicesAreSubscripts() {
    QTextDocument* document = render(renderMathInMarkdown("Each $a_i$ and $a_{i+1}$."), this);
    QCOMPARE(document->toPlainText(), QString("Each ai and ai + 1."));
    QCOMPARE(formatAt(document, "i").verticalAlignment(), QTextCharFormat::AlignSubScript);
    QCOMPARE(formatAt(document, "1", "and").verticalAlignment(), QTextCharFormat::AlignSubScript);
  }

  void markdownSyntaxInsideAFormulaIsDrawnNotInterpreted() {
    // `*`, `_` and `<` would be emphasis, emphasis and HTML to the Markdown reader.
    QTextDocument* document = render(renderMathInMarkdown("Then $a * b < c$ and $x*y*z$."), this);
    QCOMPARE(document->toPlainText(), QString("Then a*b < c and x*y*z."));
  }

  void commandsBecomeSymbols() {
    QCOMPARE(texToHtml("\\alpha \\cdot \\beta"), QString("α ⋅ β"));
    QCOMPARE(texToHtml("x \\ne y"), QString("<i>x</i> ≠ <i>y</i>"));
    QCOMPARE(texToHtml("-1"), QString("−1"));
    QCOMPARE(texToHtml("\\lfloor n/2 \\rfloor"), QString("⌊<i>n</i>/2⌋"));
    QCOMPARE(texToHtml("\\max(a, b)"), QString("max (<i>a</i>, <i>b</i>)"));
    QCOMPARE(texToHtml("\\text{if } x"), QString("if <i>x</i>"));
    QCOMPARE(texToHtml("\\mathbb{Z}"), QString("ℤ"));
  }

  void fractionsAndRootsBracketOnlyWhatNeedsIt() {
    QCOMPARE(texToHtml("\\frac{n}{2}"), QString("<i>n</i>/2"));
    QCOMPARE(texToHtml("\\frac{n+1}{2}"), QString("(<i>n</i> + 1)/2"));
    QCOMPARE(texToHtml("\\sqrt{n}"), QString("√<i>n</i>"));
    QCOMPARE(texToHtml("\\sqrt[3]{x+y}"), QString("<sup>3</sup>√(<i>x</i> + <i>y</i>)"));
  }

  void unknownCommandsStayVisible() {
    QCOMPARE(texToHtml("\\weird x"), QString("<tt>&#92;weird</tt><i>x</i>"));
  }

  void dollarsThatAreNotMathStayText() {
    QCOMPARE(renderMathInMarkdown("It costs $5 and $10."), QString("It costs $5 and $10."));
    QCOMPARE(renderMathInMarkdown("A \\$ sign, $n$."), QString("A \\$ sign, <i>n</i>."));
    QCOMPARE(renderMathInMarkdown("Code `$x$` stays."), QString("Code `$x$` stays."));
    const QString fenced = "```\necho $HOME $x$\n```\n";
    QCOMPARE(renderMathInMarkdown(fenced), fenced);
    QCOMPARE(renderMathInMarkdown("Unclosed $x and more"), QString("Unclosed $x and more"));
    QCOMPARE(renderMathInMarkdown("$a\n\nb$"), QString("$a\n\nb$"));
  }

  void displayMathIsAParagraphOfItsOwn() {
    QTextDocument* document =
        render(renderMathInMarkdown("Compute\n$$\\sum_{i=1}^{n} a_i$$\nmodulo $10^9+7$."), this);
    QCOMPARE(document->blockCount(), 3);
    QCOMPARE(document->findBlockByNumber(1).text(), QString("∑i = 1nai"));
  }

  void theProblemViewsStatementCarriesTheMath() {
    const QJsonObject problem = {{"title", "Sum"},
                                 {"difficulty", "easy"},
                                 {"description", "Print $a+b$ for $|a| \\le 10^9$."},
                                 {"limits", QJsonObject{{"time_limit_ms", 1000}}}};
    QTextBrowser browser;
    browser.document()->setMarkdown(statementMarkdown(problem));
    const QString plain = browser.document()->toPlainText();
    QVERIFY2(plain.contains("Print a + b for |a| ≤ 109."), qPrintable(plain));
    QVERIFY(!plain.contains("\\le"));
  }
};

QTEST_MAIN(TexToHtmlTest)
#include "tex_to_html_test.moc"
