#include "features/submissions/submissions_view.hpp"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonObject>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/app_context.hpp"

namespace arena::desktop {

SubmissionsView::SubmissionsView(AppContext& app, QWidget* parent)
    : QWidget(parent), m_app(app), m_table(new QTableWidget(0, 6)) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_table);
  m_table->setHorizontalHeaderLabels(
      {tr("#"), tr("Problem"), tr("Language"), tr("Status"), tr("Time (ms)"), tr("Memory (KiB)")});
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->verticalHeader()->hide();
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  connect(&app.sync(), &SubmissionSync::outboxChanged, this, &SubmissionsView::reload);
  connect(&app.tracker(), &SubmissionTracker::updated, this, &SubmissionsView::reload);
  reload();
}

int SubmissionsView::rowCount() const { return m_table->rowCount(); }

void SubmissionsView::reload() {
  m_table->setRowCount(0);
  auto addRow = [this](const QStringList& cells) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    for (int c = 0; c < cells.size(); ++c) m_table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
  };
  for (const OutboxEntry& e : m_app.store().outbox()) {
    if (e.state == OutboxEntry::State::Sent) continue;
    addRow({tr("(outbox)"), e.problemSlug, e.language,
            e.state == OutboxEntry::State::Pending
                ? tr("pending since %1").arg(QDateTime::fromMSecsSinceEpoch(e.createdAtMs).toString("HH:mm:ss"))
                : tr("refused: %1").arg(e.lastError),
            {}, {}});
  }
  for (const QJsonObject& s : m_app.store().submissions()) {
    const QString verdict = s.value("verdict").toString();
    addRow({QString::number(s.value("id").toInteger()), QString::number(s.value("problem_id").toInteger()),
            s.value("language").toString(), verdict.isEmpty() ? s.value("status").toString() : verdict,
            QString::number(s.value("exec_time_ms").toInt()), QString::number(s.value("memory_kb").toInt())});
  }
}

}  // namespace arena::desktop
