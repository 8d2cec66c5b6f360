// arena-desktop's real start-up path, without a server: the app context (offline store, local
// runner's sandbox, services), the main window, and a problem view opened from the offline
// cache; prints when its editor first paints. With --five, opens five problems, lets them
// paint, and prints the peak RSS.

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTabWidget>
#include <QTest>

#include "app/app_context.hpp"
#include "app/main_window.hpp"
#include "features/editor/code_editor.hpp"
#include "features/problems/problem_view.hpp"
#include "first_paint.hpp"

using namespace arena::desktop;

namespace {
QJsonObject fakeProblem(int i) {
  QString statement;
  for (int p = 0; p < 20; ++p) statement += "Given $n$ numbers, print their sum. **Bold** and `code`.\n\n";
  return QJsonObject{{"id", i},
                     {"slug", QString("problem-%1").arg(i)},
                     {"title", QString("Problem %1").arg(i)},
                     {"difficulty", "easy"},
                     {"description", statement},
                     {"limits", QJsonObject{{"time_limit_ms", 1000}, {"memory_limit_kb", 262144}, {"output_limit_kb", 65536}}},
                     {"samples", QJsonArray{QJsonObject{{"input", "1 2\n"}, {"output", "3\n"}}}}};
}
}  // namespace

int main(int argc, char** argv) {
  const bool five = argc > 2 && QString(argv[2]) == "--five";
  QApplication qt(argc, argv);
  AppOptions options;
  options.dataDir = argc > 1 ? argv[1] : QDir::tempPath() + "/arena-desktop-bench";
  options.server = QUrl("http://127.0.0.1:9");  // nothing listens: the offline path
  options.sandboxFirstUid = 304000;
  QString error;
  auto app = AppContext::create(options, &error);
  if (!app) return 1;
  MainWindow window(*app);
  window.show();
  for (int i = 1; i <= 5; ++i) app->store().cacheProblem(QString("problem-%1").arg(i), fakeProblem(i));

  FirstPaintWatcher watcher(!five);
  window.openProblem("problem-1", [&](ProblemView* view) {
    if (view != nullptr) view->editor().viewport()->installEventFilter(&watcher);
  });
  if (!five) return QApplication::exec();

  for (int i = 2; i <= 5; ++i) {
    bool opened = false;
    window.openProblem(QString("problem-%1").arg(i), [&](ProblemView*) { opened = true; });
    while (!opened) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QTest::qWait(100);  // let the new tab lay out and paint
  }
  auto* tabs = window.findChild<QTabWidget*>();
  for (int i = 0; tabs != nullptr && i < tabs->count(); ++i) {
    tabs->setCurrentIndex(i);
    QTest::qWait(50);
  }
  reportPeakRss();
  return 0;
}
