#include "app/command_line.hpp"

namespace arena::desktop {

std::optional<CommandLine> parseCommandLine(const QStringList& args, QString* error) {
  CommandLine cl;
  for (qsizetype i = 1; i < args.size(); ++i) {
    const QString& arg = args.at(i);
    if (arg == "--no-runner") {
      cl.noRunner = true;
      continue;
    }
    if (i + 1 >= args.size()) {
      if (error) *error = "unknown option or missing value: " + arg;
      return std::nullopt;
    }
    const QString value = args.at(++i);
    if (arg == "--server") cl.server = value;
    else if (arg == "--data-dir") cl.dataDir = value;
    else if (arg == "--user") cl.user = value;
    else if (arg == "--password") cl.password = value;
    else if (arg == "--open") cl.openSlug = value;
    else if (arg == "--code-file") cl.codeFile = value;
    else if (arg == "--language") cl.language = value;
    else if (arg == "--screenshot") cl.screenshot = value;
    else if (arg == "--sandbox-uid") cl.sandboxUid = value.toUInt();
    else {
      if (error) *error = "unknown option: " + arg;
      return std::nullopt;
    }
  }
  return cl;
}

}  // namespace arena::desktop
