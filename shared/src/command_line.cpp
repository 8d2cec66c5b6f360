#include "arena/core/command_line.hpp"

namespace arena {

Result<void> forEachFlag(std::span<const std::string> args,
                         const std::function<bool(std::string_view flag)>& known,
                         const std::function<Result<void>(const std::string& flag,
                                                          const std::string& value)>& apply,
                         bool& help) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      help = true;
      continue;
    }
    std::string flag = arg;
    std::string value;
    bool hasValue = false;
    if (const auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      hasValue = true;
    }
    if (!known(flag)) return fail(ErrorCode::InvalidArgument, "unknown argument '" + arg + "'");
    if (!hasValue) {
      if (i + 1 >= args.size()) return fail(ErrorCode::InvalidArgument, flag + " needs a value");
      value = args[++i];
    }
    if (auto ok = apply(flag, value); !ok) return ok;
  }
  return {};
}

}  // namespace arena
