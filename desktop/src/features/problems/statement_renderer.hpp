#pragma once
// The problem statement as one Markdown document for QTextDocument::setMarkdown: title,
// limits, the statement itself with its math ($...$) as rich text (tex_to_html.hpp), then the
// samples as code blocks.

#include <QJsonObject>
#include <QString>

namespace arena::desktop {

QString statementMarkdown(const QJsonObject& problem);

}  // namespace arena::desktop
