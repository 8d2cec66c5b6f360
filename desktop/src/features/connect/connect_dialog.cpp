#include "features/connect/connect_dialog.hpp"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>

#include "app/app_context.hpp"
#include "services/lan_discovery.hpp"

namespace arena::desktop {

ConnectDialog::ConnectDialog(AppContext& app, QWidget* parent)
    : QDialog(parent), m_app(app), m_discovery(new LanDiscovery(this)),
      m_server(new QLineEdit(app.server().toString())), m_found(new QListWidget),
      m_user(new QLineEdit), m_password(new QLineEdit), m_status(new QLabel) {
  setWindowTitle(tr("Connect to CodeArena"));
  m_server->setPlaceholderText("http://lab-server:8080");
  m_password->setEchoMode(QLineEdit::Password);
  m_found->setMaximumHeight(90);
  auto* form = new QFormLayout(this);
  form->addRow(tr("Server"), m_server);
  form->addRow(tr("Found on the LAN"), m_found);
  form->addRow(tr("User or e-mail"), m_user);
  form->addRow(tr("Password"), m_password);
  form->addRow(m_status);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::tryLogin);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_discovery, &LanDiscovery::serverFound, this, [this](const QString& name, const QUrl& url) {
    const QString label = name + " — " + url.toString();
    if (m_found->findItems(label, Qt::MatchExactly).isEmpty()) {
      auto* item = new QListWidgetItem(label, m_found);
      item->setData(Qt::UserRole, url);
      if (m_server->text().isEmpty()) m_server->setText(url.toString());
    }
  });
  connect(m_found, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    m_server->setText(item->data(Qt::UserRole).toUrl().toString());
  });
  if (!m_discovery->start()) m_found->addItem(tr("(cannot listen for lab servers on UDP 47800)"));
}

void ConnectDialog::tryLogin() {
  const QUrl url(m_server->text().trimmed());
  if (!url.isValid() || url.host().isEmpty()) {
    m_status->setText(tr("Enter the server address, e.g. http://10.0.0.5:8080"));
    return;
  }
  m_app.setServer(url);
  m_status->setText(tr("Logging in…"));
  m_app.login(m_user->text().trimmed(), m_password->text(), [this](const ApiReply& reply) {
    if (reply.ok()) {
      accept();
    } else {
      m_status->setText(reply.networkError() ? tr("The server does not answer: %1").arg(reply.errorMessage)
                                             : reply.errorMessage);
    }
  });
}

}  // namespace arena::desktop
