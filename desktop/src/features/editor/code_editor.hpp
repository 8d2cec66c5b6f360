#pragma once
// The code editor: QScintilla with the lexer of the chosen language, line numbers, brace
// matching, auto-indent, and a font size the settings control. Knows nothing about problems or
// storage (EditorSession does that).

#include <Qsci/qsciscintilla.h>

namespace arena::desktop {

class CodeEditor : public QsciScintilla {
  Q_OBJECT
 public:
  explicit CodeEditor(QWidget* parent = nullptr);

  // Picks the lexer for a language-table id ("cpp20", "python3", "java17", "javascript", "c").
  void setLanguage(const QString& languageId);
  QString language() const { return m_language; }
  void setFontSize(int points);
  int fontSize() const { return m_fontSize; }

 signals:
  void firstPaint();

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void applyFont();
  QString m_language;
  int m_fontSize = 11;
  bool m_painted = false;
};

}  // namespace arena::desktop
