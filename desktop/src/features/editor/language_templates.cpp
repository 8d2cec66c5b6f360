#include "features/editor/language_templates.hpp"

namespace arena::desktop {

QString templateFor(const QString& id) {
  if (id.startsWith("cpp")) {
    return "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n"
           "    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n\n    return 0;\n}\n";
  }
  if (id == "c") return "#include <stdio.h>\n\nint main(void) {\n\n    return 0;\n}\n";
  if (id.startsWith("python")) return "import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n\n\nmain()\n";
  if (id.startsWith("java")) {
    return "import java.io.*;\nimport java.util.*;\n\npublic class Main {\n"
           "    public static void main(String[] args) throws IOException {\n"
           "        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n\n"
           "    }\n}\n";
  }
  if (id == "javascript") {
    return "const data = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean);\n\n";
  }
  return {};
}

}  // namespace arena::desktop
