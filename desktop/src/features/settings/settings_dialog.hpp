#pragma once
// Settings: server address, editor font size, theme, the default language; shows where the
// session token is kept and how local runs are isolated.

#include <QDialog>

class QLineEdit;
class QSpinBox;
class QComboBox;

namespace arena::desktop {

class AppContext;

class SettingsDialog : public QDialog {
  Q_OBJECT
 public:
  SettingsDialog(AppContext& app, QWidget* parent = nullptr);
  void accept() override;

 signals:
  void fontSizeChanged(int points);

 private:
  AppContext& m_app;
  QLineEdit* m_server;
  QSpinBox* m_fontSize;
  QComboBox* m_theme;
  QComboBox* m_language;
};

void applyTheme(const QString& theme);

}  // namespace arena::desktop
