#pragma once
// Binds a CodeEditor to one problem and keeps its code in the OfflineStore per problem and
// language, written on every change (a kill loses nothing; see OfflineStore on durability).
// Switching language saves the current text and loads that language's saved code, or its
// template.

#include <QObject>

#include "features/editor/code_editor.hpp"
#include "services/offline_store.hpp"

namespace arena::desktop {

class EditorSession : public QObject {
  Q_OBJECT
 public:
  EditorSession(CodeEditor& editor, OfflineStore& store, QString problemSlug,
                QObject* parent = nullptr);
  void setLanguage(const QString& languageId);
  QString language() const { return m_language; }
  QString code() const;

 private:
  void save();
  CodeEditor& m_editor;
  OfflineStore& m_store;
  QString m_problem;
  QString m_language;
  bool m_loading = false;
};

}  // namespace arena::desktop
