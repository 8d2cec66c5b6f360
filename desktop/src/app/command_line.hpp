#pragma once
// arena-desktop's command line. Everything is optional; without options the app shows the
// connect dialog (or resumes the stored session). The scripted options serve the screenshot
// script and the startup benchmark.
//
//   --server URL          server to use (otherwise the stored one)
//   --data-dir DIR        where the offline store and token file live
//   --user U --password P log in without the dialog
//   --open SLUG           open that problem after login
//   --code-file FILE      put FILE's text into the editor of the opened problem
//   --language ID         editor language for the opened problem
//   --screenshot PNG      once the problem is shown, save the window to PNG and quit
//   --sandbox-uid N       first uid of the local runner's sandbox (when root)
//   --no-runner           no local runner (no sandbox processes)

#include <QString>
#include <QStringList>
#include <optional>

namespace arena::desktop {

struct CommandLine {
  QString server;
  QString dataDir;
  QString user;
  QString password;
  QString openSlug;
  QString codeFile;
  QString language;
  QString screenshot;
  std::uint32_t sandboxUid = 300000;
  bool noRunner = false;
};

// nullopt with `error` set on an unknown option or a missing value.
std::optional<CommandLine> parseCommandLine(const QStringList& args, QString* error);

}  // namespace arena::desktop
