#pragma once
// Connect and log in: the server address (typed, or picked from the lab servers the LAN beacon
// announces), user name or e-mail, password.

#include <QDialog>

class QLineEdit;
class QListWidget;
class QLabel;

namespace arena::desktop {

class AppContext;
class LanDiscovery;

class ConnectDialog : public QDialog {
  Q_OBJECT
 public:
  ConnectDialog(AppContext& app, QWidget* parent = nullptr);

 private:
  void tryLogin();
  AppContext& m_app;
  LanDiscovery* m_discovery;
  QLineEdit* m_server;
  QListWidget* m_found;
  QLineEdit* m_user;
  QLineEdit* m_password;
  QLabel* m_status;
};

}  // namespace arena::desktop
