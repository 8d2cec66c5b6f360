#include "features/leaderboard/leaderboard_view.hpp"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/app_context.hpp"

namespace arena::desktop {

LeaderboardView::LeaderboardView(AppContext& app, QWidget* parent)
    : QWidget(parent), m_app(app), m_table(new QTableWidget(0, 3)), m_status(new QLabel) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_status);
  layout->addWidget(m_table);
  m_table->setHorizontalHeaderLabels({tr("Rank"), tr("User"), tr("Rating")});
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->verticalHeader()->hide();
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  app.live().subscribe("leaderboard");
  connect(&app.live(), &LiveClient::event, this, [this](const QString& type, const QJsonObject&) {
    if (type == "leaderboard.changed") reload();
  });
}

void LeaderboardView::reload() {
  m_app.api().get("/api/leaderboard/top?limit=50", [this](const ApiReply& reply) {
    if (!reply.ok()) {
      m_status->setText(tr("Leaderboard unavailable: %1").arg(reply.errorMessage));
      return;
    }
    m_status->clear();
    const QJsonArray entries = reply.object().value("entries").toArray();
    m_table->setRowCount(static_cast<int>(entries.size()));
    for (int row = 0; row < entries.size(); ++row) {
      const QJsonObject e = entries.at(row).toObject();
      const QString user = e.contains("username") ? e.value("username").toString()
                                                  : QString::number(e.value("user_id").toInteger());
      m_table->setItem(row, 0, new QTableWidgetItem(QString::number(e.value("rank").toInt(row + 1))));
      m_table->setItem(row, 1, new QTableWidgetItem(user));
      m_table->setItem(row, 2, new QTableWidgetItem(QString::number(e.value("rating").toInt())));
    }
  });
}

}  // namespace arena::desktop
