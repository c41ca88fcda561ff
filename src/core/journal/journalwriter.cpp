#include "core/journal/journalwriter.h"

#include <QMetaObject>

namespace hookscope {

JournalWriter::JournalWriter()
{
    m_thread.setObjectName(QStringLiteral("hookscope-journal"));
}

JournalWriter::~JournalWriter()
{
    stop();
}

void JournalWriter::start()
{
    if (m_context)
        return;
    m_thread.start();
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
}

void JournalWriter::stop()
{
    if (!m_context)
        return;
    run([](JournalFile &file) {
        file.close();
        return true;
    });
    m_context->deleteLater();
    m_context = nullptr;
    m_thread.quit();
    m_thread.wait();
}

bool JournalWriter::run(const std::function<bool(JournalFile &file)> &work)
{
    if (!m_context)
        return false;
    bool result = false;
    QMetaObject::invokeMethod(m_context, [&] { result = work(m_file); }, Qt::BlockingQueuedConnection);
    return result;
}

void JournalWriter::post(Task task)
{
    if (!m_context)
        return;
    QMetaObject::invokeMethod(m_context, [this, task = std::move(task)] { task(m_file); }, Qt::QueuedConnection);
}

void JournalWriter::drain()
{
    if (m_context)
        QMetaObject::invokeMethod(m_context, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace hookscope
