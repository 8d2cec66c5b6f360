#pragma once
// The problem statement as one Markdown document for QTextDocument::setMarkdown: title,
// limits, the statement itself, then the samples as code blocks. Math ($...$) stays as written
// (QTextDocument has no math renderer; TeX source is what contestants read in a lab anyway).

#include <QJsonObject>
#include <QString>

namespace arena::desktop {

QString statementMarkdown(const QJsonObject& problem);

}  // namespace arena::desktop
