#pragma once
// Find and replace under the editor (Ctrl+F / Ctrl+H): QScintilla's own search, so regular
// expressions, case and whole words behave as in the editor.

#include <QWidget>

class QLineEdit;
class QCheckBox;
class QsciScintilla;

namespace arena::desktop {

class FindBar : public QWidget {
  Q_OBJECT
 public:
  FindBar(QsciScintilla* editor, QWidget* parent = nullptr);
  void showFind();
  void showReplace();
  bool findNext();
  // Replaces every match of the search text; returns how many.
  int replaceAll();
  void setSearchText(const QString& text);
  void setReplaceText(const QString& text);

 private:
  QsciScintilla* m_editor;
  QLineEdit* m_find;
  QLineEdit* m_replace;
  QCheckBox* m_case;
  QCheckBox* m_regex;
};

}  // namespace arena::desktop
