#include "features/settings/settings_dialog.hpp"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QSpinBox>
#include <QStyleFactory>

#include "app/app_context.hpp"

namespace arena::desktop {

void applyTheme(const QString& theme) {
  QApplication::setStyle(QStyleFactory::create("Fusion"));
  if (theme != "dark") {
    QApplication::setPalette(QApplication::style()->standardPalette());
    return;
  }
  QPalette p;
  p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
  p.setColor(QPalette::WindowText, Qt::white);
  p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
  p.setColor(QPalette::Text, Qt::white);
  p.setColor(QPalette::Button, QColor(0x3c, 0x3c, 0x3c));
  p.setColor(QPalette::ButtonText, Qt::white);
  p.setColor(QPalette::Highlight, QColor(0x2d, 0x6c, 0xdf));
  QApplication::setPalette(p);
}

SettingsDialog::SettingsDialog(AppContext& app, QWidget* parent)
    : QDialog(parent), m_app(app), m_server(new QLineEdit(app.server().toString())),
      m_fontSize(new QSpinBox), m_theme(new QComboBox), m_language(new QComboBox) {
  setWindowTitle(tr("Settings"));
  auto* form = new QFormLayout(this);
  m_fontSize->setRange(6, 48);
  m_fontSize->setValue(app.store().setting("font_size", "11").toInt());
  m_theme->addItems({"light", "dark"});
  m_theme->setCurrentText(app.store().setting("theme", "light"));
  m_language->addItems({"cpp20", "cpp17", "c", "python3", "java17", "javascript"});
  m_language->setCurrentText(app.store().setting("language", "cpp20"));
  form->addRow(tr("Server"), m_server);
  form->addRow(tr("Editor font size"), m_fontSize);
  form->addRow(tr("Theme"), m_theme);
  form->addRow(tr("Default language"), m_language);
  form->addRow(tr("Session kept in"), new QLabel(app.tokens().backendDescription()));
  form->addRow(tr("Local runs"), new QLabel(app.runner() ? app.runner()->isolationDescription()
                                                         : tr("unavailable: ") + app.runnerError()));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

void SettingsDialog::accept() {
  OfflineStore& store = m_app.store();
  store.setSetting("font_size", QString::number(m_fontSize->value()));
  store.setSetting("theme", m_theme->currentText());
  store.setSetting("language", m_language->currentText());
  const QUrl server(m_server->text().trimmed());
  if (server.isValid() && server != m_app.server()) m_app.setServer(server);
  applyTheme(m_theme->currentText());
  emit fontSizeChanged(m_fontSize->value());
  QDialog::accept();
}

}  // namespace arena::desktop
