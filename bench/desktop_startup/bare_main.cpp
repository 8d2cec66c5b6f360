// The baseline: a QMainWindow holding one QsciScintilla with the C++ lexer and a few lines.

#include <Qsci/qscilexercpp.h>
#include <Qsci/qsciscintilla.h>
#include <QMainWindow>

#include "first_paint.hpp"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QMainWindow window;
  auto* editor = new QsciScintilla;
  editor->setLexer(new QsciLexerCPP(editor));
  editor->setMarginLineNumbers(0, true);
  editor->setText("#include <cstdio>\nint main() {\n  return 0;\n}\n");
  window.setCentralWidget(editor);
  window.resize(1280, 800);
  FirstPaintWatcher watcher(true);
  editor->viewport()->installEventFilter(&watcher);
  window.show();
  return QApplication::exec();
}
