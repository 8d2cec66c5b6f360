#include "features/problems/problem_list_view.hpp"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <set>

#include "app/app_context.hpp"

namespace arena::desktop {

ProblemListView::ProblemListView(AppContext& app, QWidget* parent)
    : QWidget(parent), m_app(app), m_table(new QTableWidget(0, 3)), m_difficulty(new QComboBox),
      m_status(new QLabel) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  m_difficulty->addItems({tr("All"), "easy", "medium", "hard"});
  auto* refresh = new QPushButton(tr("Refresh"));
  bar->addWidget(new QLabel(tr("Difficulty:")));
  bar->addWidget(m_difficulty);
  bar->addWidget(refresh);
  bar->addStretch();
  bar->addWidget(m_status);
  layout->addLayout(bar);
  layout->addWidget(m_table);
  m_table->setHorizontalHeaderLabels({tr("Problem"), tr("Difficulty"), tr("Solved")});
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->verticalHeader()->hide();
  connect(refresh, &QPushButton::clicked, this, &ProblemListView::reload);
  connect(m_difficulty, &QComboBox::currentIndexChanged, this, [this] { show(m_problems, false); });
  connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    emit openProblem(m_table->item(row, 0)->data(Qt::UserRole).toString());
  });
}

int ProblemListView::rowCount() const { return m_table->rowCount(); }

void ProblemListView::reload() {
  m_status->setText(tr("Loading…"));
  m_app.loadProblems([this](QJsonArray problems, bool fromCache) {
    m_problems = problems;
    show(problems, fromCache);
    m_status->setText(fromCache ? tr("Offline: showing the saved list") : QString());
  });
}

void ProblemListView::show(const QJsonArray& problems, bool) {
  std::set<qint64> solved;
  for (const QJsonObject& s : m_app.store().submissions()) {
    if (s.value("verdict").toString() == "AC") solved.insert(s.value("problem_id").toInteger());
  }
  const QString filter = m_difficulty->currentIndex() == 0 ? QString() : m_difficulty->currentText();
  m_table->setRowCount(0);
  for (const auto& value : problems) {
    const QJsonObject p = value.toObject();
    if (!filter.isEmpty() && p.value("difficulty").toString() != filter) continue;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto* title = new QTableWidgetItem(p.value("title").toString());
    title->setData(Qt::UserRole, p.value("slug").toString());
    m_table->setItem(row, 0, title);
    m_table->setItem(row, 1, new QTableWidgetItem(p.value("difficulty").toString()));
    m_table->setItem(row, 2, new QTableWidgetItem(
                                 solved.count(p.value("id").toInteger()) ? QString("✔") : QString()));
  }
}

}  // namespace arena::desktop
