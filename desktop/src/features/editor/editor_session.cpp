#include "features/editor/editor_session.hpp"

#include "features/editor/language_templates.hpp"

namespace arena::desktop {

EditorSession::EditorSession(CodeEditor& editor, OfflineStore& store, QString problemSlug,
                             QObject* parent)
    : QObject(parent), m_editor(editor), m_store(store), m_problem(std::move(problemSlug)) {
  connect(&m_editor, &QsciScintilla::textChanged, this, [this] {
    if (!m_loading) save();
  });
}

void EditorSession::setLanguage(const QString& languageId) {
  if (languageId == m_language) return;
  m_language = languageId;
  m_loading = true;
  m_editor.setLanguage(languageId);
  m_editor.setText(m_store.code(m_problem, languageId).value_or(templateFor(languageId)));
  m_loading = false;
  m_store.setSetting("language/" + m_problem, languageId);
}

QString EditorSession::code() const { return m_editor.text(); }

void EditorSession::save() {
  if (m_language.isEmpty()) return;
  m_store.saveCode(m_problem, m_language, m_editor.text());
}

}  // namespace arena::desktop
