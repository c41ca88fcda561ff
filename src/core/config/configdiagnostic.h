#pragma once

#include <QList>
#include <QString>

namespace hookscope {

// One finding about a configuration file, pointing at the offending spot (1-based line and column;
// 0 when the finding has no single place, e.g. an unreadable file).
struct ConfigDiagnostic
{
    QString file;
    int line = 0;
    int column = 0;
    QString message;

    // "file:line:column: message", the form compilers use, so editors and CI can jump to it.
    QString toString() const;
    // "file:line:column: warning: message" (severity "warning" or "error"), the order compilers
    // print, which editors and CI problem matchers parse; the CLI prints diagnostics this way.
    QString toString(const QString &severity) const;

    bool operator==(const ConfigDiagnostic &other) const;
    bool operator!=(const ConfigDiagnostic &other) const { return !(*this == other); }
};

using ConfigDiagnostics = QList<ConfigDiagnostic>;

} // namespace hookscope
