// The editor keeps code per problem and language across a restart (store and widgets made
// anew, as after a kill), starts new files from the language's template, and its find/replace
// works on the text.

#include <QApplication>
#include <QTemporaryDir>
#include <QTest>

#include <Qsci/qscilexer.h>

#include "features/editor/code_editor.hpp"
#include "features/editor/editor_session.hpp"
#include "features/editor/find_bar.hpp"
#include "features/editor/language_templates.hpp"

using namespace arena::desktop;

class EditorSessionTest : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;
  QString storeFile() const { return m_dir.filePath("offline.sqlite"); }

 private slots:
  void codeTypedIsThereAfterARestartWithoutAnyExplicitSave() {
    {
      auto store = OfflineStore::open(storeFile());
      QVERIFY(store);
      CodeEditor editor;
      EditorSession session(editor, *store, "sum-of-two");
      session.setLanguage("python3");
      editor.selectAll();
      editor.removeSelectedText();
      editor.show();
      QTest::keyClicks(&editor, "print(42)");  // typed, not set programmatically
      QCOMPARE(editor.text(), QString("print(42)"));
    }  // everything destroyed without a save call: as if the app was killed after typing
    auto store = OfflineStore::open(storeFile());
    QVERIFY(store);
    CodeEditor editor;
    EditorSession session(editor, *store, "sum-of-two");
    session.setLanguage("python3");
    QCOMPARE(editor.text(), QString("print(42)"));
  }

  void eachLanguageKeepsItsOwnCodeAndNewOnesStartFromTheTemplate() {
    auto store = OfflineStore::open(storeFile());
    CodeEditor editor;
    EditorSession session(editor, *store, "reverse-words");
    session.setLanguage("cpp20");
    QCOMPARE(editor.text(), templateFor("cpp20"));
    editor.setText("// my c++");
    session.setLanguage("python3");
    QCOMPARE(editor.text(), templateFor("python3"));
    editor.setText("# my python");
    session.setLanguage("cpp20");
    QCOMPARE(editor.text(), QString("// my c++"));
    session.setLanguage("python3");
    QCOMPARE(editor.text(), QString("# my python"));
  }

  void problemsDoNotShareCode() {
    auto store = OfflineStore::open(storeFile());
    CodeEditor first;
    EditorSession a(first, *store, "problem-a");
    a.setLanguage("c");
    first.setText("int a;");
    CodeEditor second;
    EditorSession b(second, *store, "problem-b");
    b.setLanguage("c");
    QCOMPARE(second.text(), templateFor("c"));
  }

  void lexerFollowsTheLanguageAndFontSizeIsClamped() {
    CodeEditor editor;
    editor.setLanguage("java17");
    QVERIFY(editor.lexer() != nullptr);
    QCOMPARE(QString(editor.lexer()->language()), QString("Java"));
    editor.setLanguage("javascript");
    QCOMPARE(QString(editor.lexer()->language()), QString("JavaScript"));
    editor.setLanguage("python3");
    QCOMPARE(QString(editor.lexer()->language()), QString("Python"));
    editor.setFontSize(200);
    QCOMPARE(editor.fontSize(), 48);
    editor.setFontSize(14);
    QCOMPARE(editor.lexer()->defaultFont().pointSize(), 14);
  }

  void replaceAllChangesEveryMatchAndIsSaved() {
    auto store = OfflineStore::open(storeFile());
    CodeEditor editor;
    EditorSession session(editor, *store, "find-replace");
    session.setLanguage("python3");
    editor.setText("x = 1\nprint(x + x)\n");
    FindBar bar(&editor);
    bar.setSearchText("x");
    bar.setReplaceText("value");
    QCOMPARE(bar.replaceAll(), 3);
    QCOMPARE(editor.text(), QString("value = 1\nprint(value + value)\n"));
    QCOMPARE(store->code("find-replace", "python3").value(), editor.text());
    bar.setSearchText("nothing-here");
    QVERIFY(!bar.findNext());
  }
};

QTEST_MAIN(EditorSessionTest)
#include "editor_session_test.moc"
