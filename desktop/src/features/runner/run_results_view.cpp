#include "features/runner/run_results_view.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBlock>
#include <QVBoxLayout>

#include "arena/model/enum_names.hpp"

namespace arena::desktop {

namespace {

QString verdictName(model::Verdict verdict) {
  const std::string_view name = model::enumName(verdict);
  return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

// Marks lines of `edit` that differ from the same line of `other` (token-insensitive diffs
// are the checker's business; this is for the eye).
void markDifferences(QPlainTextEdit* edit, const QString& other) {
  const QStringList theirs = other.split('\n');
  QList<QTextEdit::ExtraSelection> marks;
  QTextBlock block = edit->document()->firstBlock();
  for (int line = 0; block.isValid(); ++line, block = block.next()) {
    const QString mine = block.text().trimmed();
    const QString that = line < theirs.size() ? theirs.at(line).trimmed() : QString();
    if (mine == that) continue;
    QTextEdit::ExtraSelection mark;
    mark.format.setBackground(QColor(0xff, 0xe0, 0xe0));
    mark.format.setProperty(QTextFormat::FullWidthSelection, true);
    mark.cursor = QTextCursor(block);
    marks << mark;
  }
  edit->setExtraSelections(marks);
}

}  // namespace

RunResultsView::RunResultsView(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel), m_table(new QTableWidget(0, 4)),
      m_expected(new QPlainTextEdit), m_actual(new QPlainTextEdit), m_details(new QPlainTextEdit) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_summary);
  m_table->setHorizontalHeaderLabels({tr("Test"), tr("Verdict"), tr("Time (ms)"), tr("Memory (KiB)")});
  // Columns as wide as their headers and values: squeezed, "Verdict" read "erdic".
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setStretchLastSection(true);
  m_table->verticalHeader()->hide();
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(m_table);
  for (auto* edit : {m_expected, m_actual, m_details}) {
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    split->addWidget(edit);
  }
  m_expected->setPlaceholderText(tr("expected output"));
  m_actual->setPlaceholderText(tr("your output"));
  m_details->setPlaceholderText(tr("input, stderr, compiler messages"));
  split->setStretchFactor(0, 5);  // the table holds four columns, each text pane one
  for (int pane = 1; pane <= 3; ++pane) split->setStretchFactor(pane, 2);
  layout->addWidget(split);
  connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showTest(row); });
}

int RunResultsView::testRows() const { return m_table->rowCount(); }

void RunResultsView::clear(const QString& message) {
  m_results.clear();
  m_table->setRowCount(0);
  m_expected->clear();
  m_actual->clear();
  m_details->clear();
  m_summary->setText(message);
}

void RunResultsView::addTest(const LocalTestResult& r) {
  m_results.push_back(r);
  const int row = m_table->rowCount();
  m_table->insertRow(row);
  m_table->setItem(row, 0, new QTableWidgetItem(r.name));
  auto* verdict = new QTableWidgetItem(verdictName(r.verdict));
  verdict->setForeground(r.verdict == model::Verdict::Accepted ? QColor(0x1a, 0x7f, 0x37)
                                                               : QColor(0xb3, 0x1d, 0x28));
  m_table->setItem(row, 1, verdict);
  m_table->setItem(row, 2, new QTableWidgetItem(QString::number(r.timeMs)));
  m_table->setItem(row, 3, new QTableWidgetItem(QString::number(r.memoryKb)));
  if (row == 0 || r.verdict != model::Verdict::Accepted) m_table->selectRow(row);
}

void RunResultsView::finish(const LocalRunReport& report) {
  if (!report.error.isEmpty()) {
    m_summary->setText(tr("Could not run: %1").arg(report.error));
    return;
  }
  if (!report.compiled) {
    m_summary->setText(tr("Compile error"));
    m_details->setPlainText(report.compileOutput);
    return;
  }
  m_summary->setText(tr("Local verdict: %1").arg(verdictName(report.verdict)));
}

void RunResultsView::showTest(int row) {
  if (row < 0 || static_cast<std::size_t>(row) >= m_results.size()) return;
  const LocalTestResult& r = m_results[static_cast<std::size_t>(row)];
  m_expected->setPlainText(r.expected.value_or(tr("(custom input: no expected output)")));
  m_actual->setPlainText(r.actual);
  if (r.expected) {
    markDifferences(m_actual, *r.expected);
    markDifferences(m_expected, r.actual);
  }
  m_details->setPlainText(tr("input:\n%1\n\n%2\nstderr:\n%3").arg(r.input, r.detail, r.stderrText));
}

}  // namespace arena::desktop
