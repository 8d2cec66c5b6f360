#pragma once
// What a new file holds per language: a program that reads stdin and writes stdout, so
// "Run samples" works before the contestant has typed anything meaningful.

#include <QString>

namespace arena::desktop {

QString templateFor(const QString& languageId);

}  // namespace arena::desktop
