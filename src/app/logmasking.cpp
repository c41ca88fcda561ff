#include "app/logmasking.h"

#include "core/config/secretmask.h"

namespace hookscope {

namespace {
QtMessageHandler previousHandler = nullptr;   // Qt's default handler unless someone installed one
} // namespace

void LogMasking::install()
{
    if (installed())
        return;
    previousHandler = qInstallMessageHandler(&LogMasking::handle);
}

bool LogMasking::installed()
{
    return previousHandler != nullptr;
}

void LogMasking::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (previousHandler)
        previousHandler(type, context, maskUrlsInText(message));
}

} // namespace hookscope
