#include "features/problems/statement_renderer.hpp"

#include <QJsonArray>

#include "features/problems/tex_to_html.hpp"

namespace arena::desktop {

namespace {
QString fence(const QString& text) {
  // A fence longer than any run of backticks in the text.
  QString ticks = "```";
  while (text.contains(ticks)) ticks += '`';
  return ticks + "\n" + text + (text.endsWith('\n') ? "" : "\n") + ticks + "\n";
}
}  // namespace

QString statementMarkdown(const QJsonObject& problem) {
  const QJsonObject limits = problem.value("limits").toObject();
  QString md;
  md += "# " + problem.value("title").toString() + "\n\n";
  md += QString("**Difficulty:** %1 · **Time:** %2 ms · **Memory:** %3 MiB · **Output:** %4 MiB\n\n")
            .arg(problem.value("difficulty").toString())
            .arg(limits.value("time_limit_ms").toInt())
            .arg(limits.value("memory_limit_kb").toInt() / 1024)
            .arg(limits.value("output_limit_kb").toInt() / 1024);
  md += renderMathInMarkdown(problem.value("description").toString()) + "\n\n";
  const QJsonArray samples = problem.value("samples").toArray();
  for (qsizetype i = 0; i < samples.size(); ++i) {
    const QJsonObject sample = samples.at(i).toObject();
    md += QString("### Sample %1\n\nInput\n\n").arg(i + 1) + fence(sample.value("input").toString());
    md += "\nOutput\n\n" + fence(sample.value("output").toString()) + "\n";
  }
  return md;
}

}  // namespace arena::desktop
