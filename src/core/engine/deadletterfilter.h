#pragma once

#include "core/engine/deadletters.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <QVector>

namespace hookscope {

// Which dead letters an operator means: the ones to show, export or replay. Every criterion is
// optional and they all have to hold; an empty filter matches everything. A value type: the GUI
// builds one from its filter bar and hands a copy to the engine thread with the replay command.
//
// Text criteria are forgiving about case (repository names are lowercase by the distribution
// spec, media types by RFC 6838, but an operator types what they remember):
// - action: exact ("push", "pull", "delete", "mount");
// - repository: a substring, or, when it contains * or ?, a glob over the whole name (* any run
//   of characters, slashes included; ? one character);
// - media type: a substring;
// - time range: when the event became a dead letter, from and to inclusive, either end open;
// - last status: a comma-separated list of "503" (that status), "5xx" (that class), "error" (the
//   last attempt got no response: refused, timed out...), "none" (never attempted, e.g. skipped
//   or purged before the first try);
// - ids: only these events (the operator's selection); empty means no restriction.
class DeadLetterFilter
{
public:
    QString endpoint() const { return m_endpoint; }
    void setEndpoint(const QString &name) { m_endpoint = name; }   // empty: every endpoint
    QString action() const { return m_action; }
    void setAction(const QString &action) { m_action = action.trimmed(); }
    QString repository() const { return m_repository; }
    void setRepository(const QString &pattern);
    QString mediaType() const { return m_mediaType; }
    void setMediaType(const QString &text) { m_mediaType = text.trimmed(); }
    QDateTime from() const { return m_from; }
    QDateTime to() const { return m_to; }
    void setTimeRange(const QDateTime &from, const QDateTime &to);   // invalid: that end is open
    QString lastStatus() const { return m_lastStatusText; }
    // False, with *error naming the bad part, when `text` is not a list of the forms above; the
    // filter then keeps its previous status criterion.
    bool setLastStatus(const QString &text, QString *error = nullptr);
    QSet<QByteArray> ids() const { return m_ids; }
    void setIds(const QSet<QByteArray> &ids) { m_ids = ids; }

    // Everything but the endpoint, which the caller applies by picking the store.
    bool matches(const DeadLetters::Entry &entry) const;
    bool matchesEndpoint(const QString &name) const { return m_endpoint.isEmpty() || m_endpoint == name; }
    // Nothing beyond the endpoint restricts the set.
    bool isEmpty() const;
    // Short words for a confirmation or a log line: "action push, repository library/*".
    QString describe() const;

    // The HTTP status the last attempt got, from the text HttpSink records for a failure
    // ("response status 503 Service Unavailable unaccepted"); 0 when it got no response; -1 when
    // there was no attempt (no text).
    static int lastStatusOf(const QString &lastError);

    bool operator==(const DeadLetterFilter &other) const;
    bool operator!=(const DeadLetterFilter &other) const { return !(*this == other); }

private:
    struct StatusTerm
    {
        enum Kind { Exact, Class, Error, None } kind = Exact;
        int value = 0;   // the status, or the class digit
    };
    bool matchesStatus(const QString &lastError) const;

    QString m_endpoint;
    QString m_action;
    QString m_repository;
    QRegularExpression m_repositoryGlob;   // valid only when m_repository has * or ?
    QString m_mediaType;
    QDateTime m_from;
    QDateTime m_to;
    QString m_lastStatusText;
    QVector<StatusTerm> m_status;
    QSet<QByteArray> m_ids;
};

} // namespace hookscope
