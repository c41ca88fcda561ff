#include "core/engine/deadletterfilter.h"

#include <QStringList>

namespace hookscope {

namespace {

bool hasWildcard(const QString &pattern)
{
    return pattern.contains(QLatin1Char('*')) || pattern.contains(QLatin1Char('?'));
}

// Our own conversion rather than QRegularExpression::wildcardToRegularExpression: in Qt 6 that
// one follows file-name rules (* stops at /), and "*nginx" must match "library/nginx".
QRegularExpression globToRegularExpression(const QString &glob)
{
    QString pattern;
    pattern.reserve(glob.size() * 2 + 8);
    for (const QChar c : glob) {
        if (c == QLatin1Char('*'))
            pattern += QStringLiteral(".*");
        else if (c == QLatin1Char('?'))
            pattern += QLatin1Char('.');
        else
            pattern += QRegularExpression::escape(QString(c));
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(pattern),
                              QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
}

} // namespace

void DeadLetterFilter::setRepository(const QString &pattern)
{
    m_repository = pattern.trimmed();
    m_repositoryGlob = hasWildcard(m_repository) ? globToRegularExpression(m_repository) : QRegularExpression();
}

void DeadLetterFilter::setTimeRange(const QDateTime &from, const QDateTime &to)
{
    m_from = from;
    m_to = to;
}

bool DeadLetterFilter::setLastStatus(const QString &text, QString *error)
{
    QVector<StatusTerm> terms;
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed().toLower();
        if (part.isEmpty())
            continue;
        StatusTerm term;
        bool isCode = false;
        const int code = part.size() == 3 ? part.toInt(&isCode) : 0;
        if (part == QLatin1String("error")) {
            term.kind = StatusTerm::Error;
        } else if (part == QLatin1String("none")) {
            term.kind = StatusTerm::None;
        } else if (part.size() == 3 && part.endsWith(QLatin1String("xx")) && part.at(0) >= QLatin1Char('1')
                   && part.at(0) <= QLatin1Char('5')) {
            term.kind = StatusTerm::Class;
            term.value = part.at(0).digitValue();
        } else if (isCode && code >= 100 && code <= 599) {
            term.kind = StatusTerm::Exact;
            term.value = code;
        } else {
            if (error)
                *error = QStringLiteral("\"%1\" is not a status: use a code (503), a class (5xx), \"error\" "
                                        "(no response) or \"none\" (never attempted), separated by commas")
                             .arg(raw.trimmed());
            return false;
        }
        terms.append(term);
    }
    m_status = terms;
    m_lastStatusText = text.trimmed();
    return true;
}

int DeadLetterFilter::lastStatusOf(const QString &lastError)
{
    if (lastError.isEmpty())
        return -1;
    // HttpSink writes "response status <code> <reason> unaccepted" when a status came back and
    // the error text of the network layer otherwise.
    static const QLatin1String prefix("response status ");
    if (!lastError.startsWith(prefix))
        return 0;
    bool ok = false;
    const int status = lastError.mid(prefix.size(), 3).toInt(&ok);
    return ok && status >= 100 && status <= 599 ? status : 0;
}

bool DeadLetterFilter::matchesStatus(const QString &lastError) const
{
    if (m_status.isEmpty())
        return true;
    const int status = lastStatusOf(lastError);
    for (const StatusTerm &term : m_status) {
        switch (term.kind) {
        case StatusTerm::Exact:
            if (status == term.value)
                return true;
            break;
        case StatusTerm::Class:
            if (status > 0 && status / 100 == term.value)
                return true;
            break;
        case StatusTerm::Error:
            if (status == 0)
                return true;
            break;
        case StatusTerm::None:
            if (status < 0)
                return true;
            break;
        }
    }
    return false;
}

bool DeadLetterFilter::matches(const DeadLetters::Entry &entry) const
{
    const EventPtr &event = entry.event;
    if (!event)
        return false;
    if (!m_ids.isEmpty() && !m_ids.contains(event->id()))
        return false;
    if (!m_action.isEmpty() && event->action().compare(m_action, Qt::CaseInsensitive) != 0)
        return false;
    if (!m_repository.isEmpty()) {
        const bool hit = hasWildcard(m_repository)
            ? m_repositoryGlob.match(event->repository()).hasMatch()
            : event->repository().contains(m_repository, Qt::CaseInsensitive);
        if (!hit)
            return false;
    }
    if (!m_mediaType.isEmpty() && !event->mediaType().contains(m_mediaType, Qt::CaseInsensitive))
        return false;
    if (m_from.isValid() && entry.at < m_from)
        return false;
    if (m_to.isValid() && entry.at > m_to)
        return false;
    return matchesStatus(entry.lastError);
}

bool DeadLetterFilter::isEmpty() const
{
    return m_action.isEmpty() && m_repository.isEmpty() && m_mediaType.isEmpty() && !m_from.isValid()
        && !m_to.isValid() && m_status.isEmpty() && m_ids.isEmpty();
}

QString DeadLetterFilter::describe() const
{
    QStringList parts;
    if (!m_ids.isEmpty())
        parts << QStringLiteral("%1 selected").arg(m_ids.size());
    if (!m_action.isEmpty())
        parts << QStringLiteral("action %1").arg(m_action);
    if (!m_repository.isEmpty())
        parts << QStringLiteral("repository %1").arg(m_repository);
    if (!m_mediaType.isEmpty())
        parts << QStringLiteral("media type %1").arg(m_mediaType);
    if (m_from.isValid())
        parts << QStringLiteral("from %1").arg(m_from.toString(Qt::ISODate));
    if (m_to.isValid())
        parts << QStringLiteral("to %1").arg(m_to.toString(Qt::ISODate));
    if (!m_status.isEmpty())
        parts << QStringLiteral("last status %1").arg(m_lastStatusText);
    return parts.isEmpty() ? QStringLiteral("all") : parts.join(QStringLiteral(", "));
}

bool DeadLetterFilter::operator==(const DeadLetterFilter &other) const
{
    return m_endpoint == other.m_endpoint && m_action == other.m_action && m_repository == other.m_repository
        && m_mediaType == other.m_mediaType && m_from == other.m_from && m_to == other.m_to
        && m_lastStatusText == other.m_lastStatusText && m_ids == other.m_ids;
}

} // namespace hookscope
