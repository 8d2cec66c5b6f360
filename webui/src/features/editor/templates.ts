import { grammarFor } from "./language-support";

// What a fresh editor holds for a language: a program that reads input, for people to fill in.
const kTemplates: Record<string, string> = {
  c: `#include <stdio.h>

int main(void) {
    /* read from stdin, write to stdout */
    return 0;
}
`,
  cpp: `#include <bits/stdc++.h>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    // read from cin, write to cout
    return 0;
}
`,
  python: `import sys

def main():
    data = sys.stdin.read().split()
    # solve here

main()
`,
  java: `import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        // read from in, write to System.out
    }
}
`,
  javascript: `const data = require("fs").readFileSync(0, "utf8").split(/\\s+/).filter(Boolean);
// solve here
`,
};

export function templateFor(languageId: string): string {
  if (languageId === "c" || languageId.startsWith("c1") || languageId === "gcc") return kTemplates.c;
  return kTemplates[grammarFor(languageId) ?? ""] ?? "";
}
