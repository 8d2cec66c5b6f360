#include "features/problems/tex_to_html.hpp"

#include <QHash>
#include <QSet>

namespace arena::desktop {

namespace {

// Symbols drawn as themselves. Relations and binary operators get spaces around them.
const QHash<QString, QString>& symbols() {
  static const QHash<QString, QString> table = {
      {"alpha", "α"},   {"beta", "β"},    {"gamma", "γ"},   {"delta", "δ"},    {"epsilon", "ε"},
      {"varepsilon", "ε"}, {"zeta", "ζ"}, {"eta", "η"},     {"theta", "θ"},    {"iota", "ι"},
      {"kappa", "κ"},   {"lambda", "λ"},  {"mu", "μ"},      {"nu", "ν"},       {"xi", "ξ"},
      {"pi", "π"},      {"rho", "ρ"},     {"sigma", "σ"},   {"tau", "τ"},      {"upsilon", "υ"},
      {"phi", "φ"},     {"varphi", "φ"},  {"chi", "χ"},     {"psi", "ψ"},      {"omega", "ω"},
      {"Gamma", "Γ"},   {"Delta", "Δ"},   {"Theta", "Θ"},   {"Lambda", "Λ"},   {"Xi", "Ξ"},
      {"Pi", "Π"},      {"Sigma", "Σ"},   {"Phi", "Φ"},     {"Psi", "Ψ"},      {"Omega", "Ω"},
      {"infty", "∞"},   {"ldots", "…"},   {"dots", "…"},    {"cdots", "⋯"},    {"vdots", "⋮"},
      {"ddots", "⋱"},   {"sum", "∑"},     {"prod", "∏"},    {"int", "∫"},      {"partial", "∂"},
      {"forall", "∀"},  {"exists", "∃"},  {"emptyset", "∅"}, {"varnothing", "∅"}, {"neg", "¬"},
      {"lnot", "¬"},    {"lfloor", "⌊"},  {"rfloor", "⌋"},  {"lceil", "⌈"},    {"rceil", "⌉"},
      {"langle", "⟨"},  {"rangle", "⟩"},  {"prime", "′"},   {"circ", "∘"},     {"bullet", "•"},
      {"star", "⋆"},    {"angle", "∠"},   {"triangle", "△"}, {"degree", "°"},  {"cdotp", "·"},
      {"{", "{"},       {"}", "}"},       {"%", "%"},       {"$", "$"},        {"#", "#"},
      {"&", "&"},       {"_", "_"},       {"|", "‖"},       {"backslash", "\\"},
  };
  return table;
}

const QHash<QString, QString>& spacedSymbols() {
  static const QHash<QString, QString> table = {
      {"le", "≤"},      {"leq", "≤"},     {"ge", "≥"},      {"geq", "≥"},      {"ne", "≠"},
      {"neq", "≠"},     {"lt", "<"},      {"gt", ">"},      {"approx", "≈"},   {"equiv", "≡"},
      {"sim", "∼"},     {"simeq", "≃"},   {"cong", "≅"},    {"propto", "∝"},   {"ll", "≪"},
      {"gg", "≫"},      {"cdot", "⋅"},    {"times", "×"},   {"div", "÷"},      {"pm", "±"},
      {"mp", "∓"},      {"oplus", "⊕"},   {"otimes", "⊗"},  {"land", "∧"},     {"wedge", "∧"},
      {"lor", "∨"},     {"vee", "∨"},     {"in", "∈"},      {"notin", "∉"},    {"ni", "∋"},
      {"subset", "⊂"},  {"subseteq", "⊆"}, {"supset", "⊃"}, {"supseteq", "⊇"}, {"cup", "∪"},
      {"cap", "∩"},     {"setminus", "∖"}, {"to", "→"},     {"rightarrow", "→"}, {"gets", "←"},
      {"leftarrow", "←"}, {"leftrightarrow", "↔"}, {"Rightarrow", "⇒"}, {"implies", "⇒"},
      {"Leftarrow", "⇐"}, {"iff", "⇔"}, {"Leftrightarrow", "⇔"}, {"mapsto", "↦"},
      {"mid", "∣"},     {"nmid", "∤"},    {"parallel", "∥"}, {"perp", "⊥"},    {"bmod", "mod"},
      {"mod", "mod"},   {"ast", "∗"},
  };
  return table;
}

// Named functions, set upright as TeX does.
const QSet<QString>& functionNames() {
  static const QSet<QString> names = {"log", "ln", "lg", "exp", "max", "min", "sup", "inf",
                                      "gcd", "lcm", "sin", "cos", "tan", "cot", "arcsin",
                                      "arccos", "arctan", "sinh", "cosh", "tanh", "deg", "det",
                                      "dim", "lim", "limsup", "liminf", "arg", "Pr", "ker"};
  return names;
}

// Commands that change only sizes or spacing TeX-side: nothing to draw.
const QSet<QString>& ignoredCommands() {
  static const QSet<QString> names = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl",
                                      "bigr", "Bigl", "Bigr", "displaystyle", "textstyle",
                                      "limits", "nolimits", "!", "middle"};
  return names;
}

// Characters QTextDocument's Markdown reader would take as syntax (emphasis, links, escapes,
// HTML) go in as numeric character references, so the formula reaches the page as drawn.
QString escapeText(const QString& text) {
  QString out;
  for (const QChar c : text) {
    if (QStringLiteral("*_`[]\\~|<>&#!").contains(c)) {
      out += QStringLiteral("&#%1;").arg(c.unicode());
    } else {
      out += c;
    }
  }
  return out;
}

// What the reader draws, with whether it ends in an operand (so "-" after it is binary).
class TexReader {
 public:
  explicit TexReader(const QString& tex) : m_tex(tex) {}

  QString formula(QChar until = QChar()) {
    QString out;
    while (skipSpaces(), !atEnd() && (until.isNull() || peek() != until)) out += atom();
    return out;
  }

 private:
  bool atEnd() const { return m_at >= m_tex.size(); }
  QChar peek() const { return atEnd() ? QChar() : m_tex[m_at]; }
  void skipSpaces() {
    while (!atEnd() && peek().isSpace()) ++m_at;
  }

  // One base with its indices and powers.
  QString atom() {
    QString out = base();
    for (;;) {
      skipSpaces();
      if (peek() == '_') {
        ++m_at;
        out += "<sub>" + argument() + "</sub>";
        m_operand = true;
      } else if (peek() == '^') {
        ++m_at;
        out += "<sup>" + argument() + "</sup>";
        m_operand = true;
      } else if (peek() == '\'') {
        ++m_at;
        out += "′";
      } else {
        return out;
      }
    }
  }

  // A braced group, or else a single base (as in x^2 or a_i).
  QString argument() {
    skipSpaces();
    if (peek() == '{') {
      ++m_at;
      const QString inner = formula('}');
      if (peek() == '}') ++m_at;
      return inner;
    }
    if (atEnd()) return {};
    // A single character or command, without its own scripts: a^b^c is not TeX anyway.
    if (peek().isDigit() || peek().isLetter()) return plainRun(1);
    return base();
  }

  // The raw text of a braced group (\text{...}): no math inside, spaces kept.
  QString rawGroup() {
    skipSpaces();
    if (peek() != '{') return {};
    int depth = 0;
    QString text;
    for (++m_at; !atEnd(); ++m_at) {
      const QChar c = peek();
      if (c == '{') ++depth;
      if (c == '}' && depth-- == 0) break;
      text += c;
    }
    if (peek() == '}') ++m_at;
    return text;
  }

  QString plainRun(qsizetype limit) {
    const QChar first = peek();
    QString run;
    if (first.isLetter()) {
      while (!atEnd() && peek().isLetter() && run.size() < limit) run += m_tex[m_at++];
      m_operand = true;
      return "<i>" + escapeText(run) + "</i>";
    }
    while (!atEnd() && (peek().isDigit() || peek() == '.') && run.size() < limit) run += m_tex[m_at++];
    m_operand = true;
    return escapeText(run);
  }

  QString spaced(const QString& symbol) {
    const bool binary = m_operand;
    m_operand = false;
    return binary ? " " + escapeText(symbol) + " " : escapeText(symbol);
  }

  QString base() {
    skipSpaces();
    const QChar c = peek();
    if (c == '{') {
      const QString inner = argument();
      m_operand = true;
      return inner;
    }
    if (c == '\\') return command();
    if (c.isLetter() || c.isDigit()) return plainRun(m_tex.size());
    ++m_at;
    if (c == '-') return spaced("−");
    if (QStringLiteral("+=<>").contains(c)) return spaced(QString(c));
    if (c == '~') return QStringLiteral("&#160;");
    if (c == '&') return " ";  // an alignment point in aligned environments
    if (c == ',' || c == ';') {
      m_operand = false;
      return QString(c) + " ";
    }
    m_operand = c == ')' || c == ']' || c == '|' || c == '!';
    return escapeText(QString(c));
  }

  QString command() {
    ++m_at;  // the backslash
    QString name;
    if (!atEnd() && peek().isLetter()) {
      while (!atEnd() && peek().isLetter()) name += m_tex[m_at++];
    } else if (!atEnd()) {
      name = m_tex[m_at++];
    }
    if (ignoredCommands().contains(name)) {
      if (name == "left" || name == "right" || name == "middle") {
        skipSpaces();
        if (peek() == '.') ++m_at;  // \left. is an invisible delimiter
      }
      return {};
    }
    if (name == "," || name == ":" || name == ";" || name == " ") return QStringLiteral(" ");
    if (name == "quad") return QStringLiteral("\u2003");
    if (name == "qquad") return QStringLiteral("\u2003\u2003");
    if (name == "\\") return QStringLiteral(" ");  // a line break in a display formula
    if (auto it = spacedSymbols().find(name); it != spacedSymbols().end()) return spaced(*it);
    if (auto it = symbols().find(name); it != symbols().end()) {
      m_operand = name != "sum" && name != "prod" && name != "int" && name != "neg" &&
                  name != "lnot" && name != "lfloor" && name != "lceil" && name != "langle";
      return escapeText(*it);
    }
    if (functionNames().contains(name)) {
      m_operand = false;
      return name + " ";
    }
    if (name == "frac" || name == "dfrac" || name == "tfrac") {
      const QString numerator = argument();
      const QString denominator = argument();
      m_operand = true;
      return parenthesised(numerator) + "/" + parenthesised(denominator);
    }
    if (name == "binom") {
      const QString n = argument();
      const QString k = argument();
      m_operand = true;
      return "C(" + n + ", " + k + ")";
    }
    if (name == "sqrt") {
      QString degree;
      skipSpaces();
      if (peek() == '[') {
        ++m_at;
        degree = "<sup>" + formula(']') + "</sup>";
        if (peek() == ']') ++m_at;
      }
      const QString radicand = argument();
      m_operand = true;
      return degree + "√" + parenthesised(radicand);
    }
    if (name == "text" || name == "textrm" || name == "mathrm" || name == "operatorname" ||
        name == "textnormal" || name == "mbox") {
      m_operand = true;
      return escapeText(rawGroup());
    }
    if (name == "textit" || name == "mathit") {
      m_operand = true;
      return "<i>" + escapeText(rawGroup()) + "</i>";
    }
    if (name == "texttt" || name == "mathtt") {
      m_operand = true;
      return "<tt>" + escapeText(rawGroup()) + "</tt>";
    }
    if (name == "mathbf" || name == "textbf" || name == "boldsymbol" || name == "bm") {
      const QString inner = argument();
      m_operand = true;
      return "<b>" + inner + "</b>";
    }
    if (name == "mathbb") {
      static const QHash<QString, QString> blackboard = {
          {"N", "ℕ"}, {"Z", "ℤ"}, {"Q", "ℚ"}, {"R", "ℝ"}, {"C", "ℂ"}};
      const QString letter = rawGroup();
      m_operand = true;
      return escapeText(blackboard.value(letter, letter));
    }
    if (name == "overline" || name == "bar") {
      const QString inner = argument();
      m_operand = true;
      return "<span style=\"text-decoration: overline\">" + inner + "</span>";
    }
    if (name == "hat" || name == "tilde" || name == "vec" || name == "dot") {
      static const QHash<QString, QString> accents = {
          {"hat", "\u0302"}, {"tilde", "\u0303"}, {"vec", "\u20D7"}, {"dot", "\u0307"}};
      const QString inner = argument();
      m_operand = true;
      return inner + accents.value(name);
    }
    // Not understood: shown as written, so nothing silently disappears.
    m_operand = true;
    return "<tt>" + escapeText("\\" + name) + "</tt>";
  }

  // a/b needs no brackets; (a+1)/(b+1) does. Tags do not count: <i>n</i> is one operand.
  static QString parenthesised(const QString& html) {
    QString text;
    bool inTag = false;
    for (const QChar c : html) {
      if (c == '<') inTag = true;
      if (!inTag) text += c;
      if (c == '>') inTag = false;
    }
    bool simple = true;
    for (const QChar c : text) {
      if (!c.isLetterOrNumber() && c != '.') simple = false;
    }
    return simple ? html : "(" + html + ")";
  }

  const QString& m_tex;
  qsizetype m_at = 0;
  bool m_operand = false;
};

// Where the fenced code block starting at `at` (a line start) ends, or -1 when none starts.
qsizetype fencedBlockEnd(const QString& md, qsizetype at) {
  qsizetype i = at;
  while (i < md.size() && i - at < 3 && md[i] == ' ') ++i;
  if (i >= md.size() || (md[i] != '`' && md[i] != '~')) return -1;
  const QChar fence = md[i];
  qsizetype length = 0;
  while (i + length < md.size() && md[i + length] == fence) ++length;
  if (length < 3) return -1;
  const QString closing(length, fence);
  qsizetype line = md.indexOf('\n', i);
  while (line >= 0) {
    const qsizetype start = line + 1;
    qsizetype j = start;
    while (j < md.size() && j - start < 3 && md[j] == ' ') ++j;
    if (md.mid(j, length) == closing) {
      const qsizetype end = md.indexOf('\n', j);
      return end < 0 ? md.size() : end + 1;
    }
    line = md.indexOf('\n', start);
  }
  return md.size();
}

// The closing $ of an inline formula whose content starts at `from`, or -1.
qsizetype inlineClose(const QString& md, qsizetype from) {
  if (from >= md.size() || md[from].isSpace() || md[from] == '$') return -1;
  for (qsizetype i = from; i < md.size(); ++i) {
    if (md[i] == '\\') {
      ++i;
    } else if (md[i] == '\n' && i + 1 < md.size() && md[i + 1] == '\n') {
      return -1;  // a formula does not cross paragraphs
    } else if (md[i] == '$') {
      return md[i - 1].isSpace() ? -1 : i;
    }
  }
  return -1;
}

}  // namespace

QString texToHtml(const QString& tex) {
  TexReader reader(tex);
  return reader.formula();
}

QString renderMathInMarkdown(const QString& md) {
  QString out;
  qsizetype i = 0;
  bool lineStart = true;
  while (i < md.size()) {
    if (lineStart) {
      if (const qsizetype end = fencedBlockEnd(md, i); end >= 0) {
        out += md.mid(i, end - i);
        i = end;
        continue;
      }
    }
    const QChar c = md[i];
    if (c == '\\' && i + 1 < md.size()) {  // an escape, \$ included: Markdown's to draw
      out += md.mid(i, 2);
      lineStart = md[i + 1] == '\n';
      i += 2;
      continue;
    }
    lineStart = c == '\n';
    if (c == '`') {  // a code span: verbatim up to the same run of backticks
      qsizetype run = 0;
      while (i + run < md.size() && md[i + run] == '`') ++run;
      const qsizetype close = md.indexOf(QString(run, '`'), i + run);
      const qsizetype end = close < 0 ? i + run : close + run;
      out += md.mid(i, end - i);
      i = end;
      continue;
    }
    if (c == '$' && i + 1 < md.size() && md[i + 1] == '$') {
      const qsizetype close = md.indexOf(QStringLiteral("$$"), i + 2);
      if (close > i + 2) {
        out += "\n\n" + texToHtml(md.mid(i + 2, close - i - 2).trimmed()) + "\n\n";
        i = close + 2;
        continue;
      }
    } else if (c == '$') {
      if (const qsizetype close = inlineClose(md, i + 1); close > 0) {
        out += texToHtml(md.mid(i + 1, close - i - 1));
        i = close + 1;
        continue;
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace arena::desktop
