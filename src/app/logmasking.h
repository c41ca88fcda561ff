#pragma once

#include <QtGlobal>

namespace hookscope {

// Masks every URL in every Qt log message (qDebug/qInfo/qWarning, categories included) before the
// previous handler prints it: the call sites mask what they know, this catches what they do not
// (Qt's own warnings, an error string that quotes a URL). Installed once by the composition root.
class LogMasking
{
public:
    static void install();
    static bool installed();

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
};

} // namespace hookscope
