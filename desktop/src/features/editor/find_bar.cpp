#include "features/editor/find_bar.hpp"

#include <Qsci/qsciscintilla.h>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace arena::desktop {

FindBar::FindBar(QsciScintilla* editor, QWidget* parent)
    : QWidget(parent), m_editor(editor), m_find(new QLineEdit), m_replace(new QLineEdit),
      m_case(new QCheckBox(tr("Case"))), m_regex(new QCheckBox(tr("Regex"))) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  m_find->setPlaceholderText(tr("Find"));
  m_replace->setPlaceholderText(tr("Replace with"));
  auto* next = new QPushButton(tr("Next"));
  auto* all = new QPushButton(tr("Replace all"));
  auto* close = new QPushButton(tr("×"));
  close->setFlat(true);
  for (QWidget* w : {static_cast<QWidget*>(m_find), static_cast<QWidget*>(m_case),
                     static_cast<QWidget*>(m_regex), static_cast<QWidget*>(next),
                     static_cast<QWidget*>(m_replace), static_cast<QWidget*>(all),
                     static_cast<QWidget*>(close)}) {
    layout->addWidget(w);
  }
  connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
  connect(next, &QPushButton::clicked, this, &FindBar::findNext);
  connect(all, &QPushButton::clicked, this, &FindBar::replaceAll);
  connect(close, &QPushButton::clicked, this, &QWidget::hide);
  hide();
}

void FindBar::showFind() {
  m_replace->setVisible(false);
  show();
  m_find->setFocus();
  m_find->selectAll();
}

void FindBar::showReplace() {
  m_replace->setVisible(true);
  show();
  m_find->setFocus();
}

void FindBar::setSearchText(const QString& text) { m_find->setText(text); }
void FindBar::setReplaceText(const QString& text) { m_replace->setText(text); }

bool FindBar::findNext() {
  if (m_find->text().isEmpty()) return false;
  return m_editor->findFirst(m_find->text(), m_regex->isChecked(), m_case->isChecked(), false, true);
}

int FindBar::replaceAll() {
  if (m_find->text().isEmpty()) return 0;
  int count = 0;
  m_editor->beginUndoAction();
  if (m_editor->findFirst(m_find->text(), m_regex->isChecked(), m_case->isChecked(), false, false,
                          true, 0, 0)) {
    do {
      m_editor->replace(m_replace->text());
      ++count;
    } while (m_editor->findNext() && count < 1'000'000);
  }
  m_editor->endUndoAction();
  return count;
}

}  // namespace arena::desktop
