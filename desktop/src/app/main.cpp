// arena-desktop: a thin main over arena_desktop_lib (see command_line.hpp for the options).

#include <QApplication>
#include <QFile>
#include <QTimer>
#include <cstdio>

#include "app/app_context.hpp"
#include "app/command_line.hpp"
#include "app/main_window.hpp"
#include "features/editor/code_editor.hpp"
#include "features/editor/editor_session.hpp"
#include "features/problems/problem_view.hpp"
#include "features/settings/settings_dialog.hpp"

using namespace arena::desktop;

namespace {

void openScripted(MainWindow& window, const CommandLine& cl) {
  window.openProblem(cl.openSlug, [&window, cl](ProblemView* view) {
    if (view == nullptr) {
      std::fprintf(stderr, "arena-desktop: cannot open problem %s\n", qPrintable(cl.openSlug));
      if (!cl.screenshot.isEmpty()) QApplication::exit(3);
      return;
    }
    if (!cl.language.isEmpty()) view->session().setLanguage(cl.language);
    if (!cl.codeFile.isEmpty()) {
      QFile file(cl.codeFile);
      if (file.open(QIODevice::ReadOnly)) view->editor().setText(QString::fromUtf8(file.readAll()));
    }
    if (cl.screenshot.isEmpty()) return;
    view->runSamples();
    // Give the local run a moment to fill the results, then capture the whole window.
    QTimer::singleShot(4000, &window, [&window, cl] {
      const bool saved = window.grab().save(cl.screenshot);
      std::fprintf(stderr, "arena-desktop: screenshot %s %s\n", qPrintable(cl.screenshot),
                   saved ? "saved" : "FAILED");
      QApplication::exit(saved ? 0 : 4);
    });
  });
}

}  // namespace

int main(int argc, char** argv) {
  QString error;
  // Parse before QApplication so the sandbox (forked keepers) is made while the process is small.
  QStringList args;
  for (int i = 0; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
  const auto cl = parseCommandLine(args, &error);
  if (!cl) {
    std::fprintf(stderr, "arena-desktop: %s\n", qPrintable(error));
    return 2;
  }
  QApplication qtApp(argc, argv);
  QApplication::setApplicationName("arena-desktop");
  QApplication::setOrganizationName("CodeArena");

  AppOptions options;
  options.dataDir = cl->dataDir;
  if (!cl->server.isEmpty()) options.server = QUrl(cl->server);
  options.localRunner = !cl->noRunner;
  options.sandboxFirstUid = cl->sandboxUid;
  auto app = AppContext::create(options, &error);
  if (!app) {
    std::fprintf(stderr, "arena-desktop: cannot open the offline store: %s\n", qPrintable(error));
    return 1;
  }
  applyTheme(app->store().setting("theme", "light"));
  MainWindow window(*app);
  window.show();

  if (!cl->user.isEmpty()) {
    if (!cl->server.isEmpty()) app->setServer(QUrl(cl->server));
    app->login(cl->user, cl->password, [&window, scripted = *cl](const ApiReply& reply) {
      if (!reply.ok()) {
        std::fprintf(stderr, "arena-desktop: login failed: %s\n", qPrintable(reply.errorMessage));
        if (!scripted.screenshot.isEmpty()) QApplication::exit(3);
        return;
      }
      window.afterLogin();
      if (!scripted.openSlug.isEmpty()) openScripted(window, scripted);
    });
  } else if (!app->resumeSession([&window](const ApiReply& reply) {
               if (reply.status == 401) window.showConnectDialog();
               else window.afterLogin();
             })) {
    QTimer::singleShot(0, &window, &MainWindow::showConnectDialog);
  }
  return QApplication::exec();
}
