#include "app/main_window.hpp"

#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

#include "app/app_context.hpp"
#include "features/connect/connect_dialog.hpp"
#include "features/contests/contests_view.hpp"
#include "features/duels/duels_view.hpp"
#include "features/leaderboard/leaderboard_view.hpp"
#include "features/problems/problem_list_view.hpp"
#include "features/problems/problem_view.hpp"
#include "features/settings/settings_dialog.hpp"
#include "features/submissions/submissions_view.hpp"

namespace arena::desktop {

MainWindow::MainWindow(AppContext& app, QWidget* parent)
    : QMainWindow(parent), m_app(app), m_tabs(new QTabWidget), m_problems(new ProblemListView(app)),
      m_submissions(new SubmissionsView(app)), m_leaderboard(new LeaderboardView(app)),
      m_contests(new ContestsView(app)), m_duels(new DuelsView(app)), m_connection(new QLabel) {
  setWindowTitle("CodeArena");
  resize(1280, 800);
  m_tabs->setTabsClosable(true);
  m_tabs->addTab(m_problems, tr("Problems"));
  m_tabs->addTab(m_submissions, tr("My submissions"));
  m_tabs->addTab(m_leaderboard, tr("Leaderboard"));
  m_tabs->addTab(m_contests, tr("Contests"));
  m_tabs->addTab(m_duels, tr("Duels"));
  for (int i = 0; i < 5; ++i) m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
  setCentralWidget(m_tabs);
  statusBar()->addPermanentWidget(m_connection);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Connect…"), this, &MainWindow::showConnectDialog);
  file->addAction(tr("&Settings…"), this, [this] {
    SettingsDialog dialog(m_app, this);
    connect(&dialog, &SettingsDialog::fontSizeChanged, this, [this](int points) {
      for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto* view = qobject_cast<ProblemView*>(m_tabs->widget(i))) view->setFontSize(points);
      }
      for (auto* view : m_duels->findChildren<ProblemView*>()) view->setFontSize(points);
    });
    dialog.exec();
  });
  file->addAction(tr("Log &out"), this, [this] {
    m_app.logout();
    showConnectDialog();
  });
  file->addAction(tr("&Quit"), this, &QWidget::close);

  connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
    QWidget* page = m_tabs->widget(index);
    if (qobject_cast<ProblemView*>(page) == nullptr) return;
    m_tabs->removeTab(index);
    page->deleteLater();
  });
  connect(m_tabs, &QTabWidget::currentChanged, this, [this](int) {
    if (m_tabs->currentWidget() == m_leaderboard) m_leaderboard->reload();
    if (m_tabs->currentWidget() == m_contests) m_contests->reload();
    if (m_tabs->currentWidget() == m_duels && !m_duels->inDuel()) m_duels->reloadProfile();
    if (m_tabs->currentWidget() == m_contests && m_unreadContestNews > 0) {
      m_unreadContestNews = 0;
      m_tabs->setTabText(m_tabs->indexOf(m_contests), tr("Contests"));
    }
  });
  // A problem opened from a contest's set submits to that contest.
  connect(m_contests, &ContestsView::openProblem, this,
          [this](const QString& slug, qint64 contestId) {
            openProblem(slug, [contestId](ProblemView* view) {
              if (view) view->setContestId(contestId);
            });
          });
  connect(m_contests, &ContestsView::notification, this, [this](const QString& text) {
    statusBar()->showMessage(text, 15000);
    if (m_tabs->currentWidget() == m_contests) return;
    ++m_unreadContestNews;
    m_tabs->setTabText(m_tabs->indexOf(m_contests), tr("Contests (%1)").arg(m_unreadContestNews));
  });
  // Matched (or put in a lab duel) while looking elsewhere: the duel comes forward.
  connect(m_duels, &DuelsView::duelStarted, this, [this] { m_tabs->setCurrentWidget(m_duels); });
  // From the practice list: practice, even if the tab was opened from a contest before.
  connect(m_problems, &ProblemListView::openProblem, this, [this](const QString& slug) {
    openProblem(slug, [](ProblemView* view) {
      if (view) view->setContestId(0);
    });
  });
  connect(&app.api(), &ApiClient::onlineChanged, this, &MainWindow::updateStatus);
  connect(&app.live(), &LiveClient::connectedChanged, this, &MainWindow::updateStatus);
  connect(&app.sync(), &SubmissionSync::outboxChanged, this, &MainWindow::updateStatus);
  connect(&app, &AppContext::sessionEnded, this, &MainWindow::showConnectDialog);
  updateStatus();
}

void MainWindow::updateStatus() {
  const int pending = m_app.sync().pendingCount();
  QString text = m_app.api().online() ? tr("Online") : tr("Offline");
  text += m_app.live().connected() ? tr(" · live") : tr(" · polling");
  if (pending > 0) text += tr(" · %n submission(s) waiting to be sent", nullptr, pending);
  m_connection->setText(text);
}

void MainWindow::showConnectDialog() {
  ConnectDialog dialog(m_app, this);
  if (dialog.exec() == QDialog::Accepted) afterLogin();
}

void MainWindow::afterLogin() {
  m_problems->reload();
  m_submissions->reload();
  m_contests->reload();
  m_duels->reload();
  updateStatus();
}

void MainWindow::openProblem(const QString& slug, std::function<void(ProblemView*)> ready) {
  for (int i = 0; i < m_tabs->count(); ++i) {
    if (auto* view = qobject_cast<ProblemView*>(m_tabs->widget(i)); view && view->slug() == slug) {
      m_tabs->setCurrentIndex(i);
      if (ready) ready(view);
      return;
    }
  }
  m_app.loadProblem(slug, [this, slug, ready = std::move(ready)](std::optional<QJsonObject> problem, bool cached) {
    if (!problem) {
      statusBar()->showMessage(tr("Problem %1 is not available offline").arg(slug), 5000);
      if (ready) ready(nullptr);
      return;
    }
    auto* view = new ProblemView(m_app, *problem);
    const int index = m_tabs->addTab(view, problem->value("title").toString() + (cached ? tr(" (saved)") : QString()));
    m_tabs->setCurrentIndex(index);
    if (ready) ready(view);
  });
}

}  // namespace arena::desktop
