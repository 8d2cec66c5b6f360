#include "features/editor/code_editor.hpp"

#include <Qsci/qscilexercpp.h>
#include <Qsci/qscilexerjava.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qscilexerpython.h>
#include <QFontDatabase>
#include <algorithm>

namespace arena::desktop {

CodeEditor::CodeEditor(QWidget* parent) : QsciScintilla(parent) {
  setUtf8(true);
  setMarginType(0, QsciScintilla::NumberMargin);
  setMarginLineNumbers(0, true);
  setMarginWidth(0, "00000");
  setBraceMatching(QsciScintilla::SloppyBraceMatch);
  setAutoIndent(true);
  setIndentationsUseTabs(false);
  setIndentationWidth(4);
  setTabWidth(4);
  setIndentationGuides(true);
  setCaretLineVisible(true);
  setCaretLineBackgroundColor(QColor(0xf3, 0xf6, 0xfa));
  setFolding(QsciScintilla::BoxedTreeFoldStyle);
  setEolMode(QsciScintilla::EolUnix);
  applyFont();
}

void CodeEditor::paintEvent(QPaintEvent* event) {
  QsciScintilla::paintEvent(event);
  if (!m_painted) {
    m_painted = true;
    emit firstPaint();
  }
}

void CodeEditor::setLanguage(const QString& id) {
  m_language = id;
  QsciLexer* lexer = nullptr;
  if (id.startsWith("cpp") || id == "c") {
    lexer = new QsciLexerCPP(this);
  } else if (id.startsWith("python")) {
    lexer = new QsciLexerPython(this);
  } else if (id.startsWith("java") && id != "javascript") {
    lexer = new QsciLexerJava(this);
  } else if (id == "javascript") {
    lexer = new QsciLexerJavaScript(this);
  }
  QsciLexer* old = this->lexer();
  setLexer(lexer);
  if (old != nullptr) old->deleteLater();
  applyFont();
}

void CodeEditor::setFontSize(int points) {
  m_fontSize = std::clamp(points, 6, 48);
  applyFont();
}

void CodeEditor::applyFont() {
  QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  font.setPointSize(m_fontSize);
  setFont(font);
  setMarginsFont(font);
  if (QsciLexer* current = lexer()) {
    current->setDefaultFont(font);
    current->setFont(font, -1);  // every style
  }
}

}  // namespace arena::desktop
