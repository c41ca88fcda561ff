#include "core/chain/httpsink.h"

#include "core/config/secretmask.h"
#include "core/model/envelope.h"
#include "core/model/httpstatus.h"
#include "core/transport/gorequestheaders.h"
#include "core/transport/gzipbody.h"
#include "core/transport/leanhttptransport.h"
#include "core/transport/qnamhttptransport.h"

#include <QMetaObject>

namespace hookscope {

HttpSink::HttpSink(QNetworkAccessManager *network, Settings settings, QObject *parent, Clock &clock)
    : QObject(parent)
    , m_network(network)
    , m_settings(std::move(settings))
    , m_clock(clock)
    , m_timeout(clock.createTimer(this, [this] { handleTimeout(); }))
{
    prepareHeaders();
}

HttpSink::~HttpSink()
{
    if (m_active)
        m_active->stop();
}

void HttpSink::setSettings(const Settings &settings)
{
    m_settings = settings;
    prepareHeaders();
}

namespace {

// What Go's client.Post says before it sends anything, for a URL it cannot use (url.Error: the
// operation, the URL and the reason). Checked in the order net/http checks: parse, scheme, host.
QString goUrlProblem(const QUrl &url, const QString &written)
{
    const QString quoted = QLatin1Char('"') + maskUrl(written) + QLatin1Char('"');
    if (!url.isValid())
        return QStringLiteral("parse %1: %2").arg(quoted, url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return QStringLiteral("Post %1: unsupported protocol scheme \"%2\"").arg(quoted, scheme);
    if (url.host().isEmpty())
        return QStringLiteral("Post %1: http: no Host in request URL").arg(quoted);
    return {};
}

} // namespace

void HttpSink::prepareHeaders()
{
    m_request.url = m_settings.url;
    m_request.tls = m_settings.tls;
    m_request.generation += 1;
    // The attempt log, and everything that shows it, gets the URL masked; the request keeps the real one.
    m_urlText = maskUrl(m_settings.url);
    m_urlProblem = goUrlProblem(m_settings.url, m_settings.url.toString());
    const GoRequestHeaders go(QByteArray(Envelope::MediaTypeV1), m_settings.headers);
    m_request.userAgent = go.userAgent();
    m_request.headers = go.sorted();
    m_request.acceptGzip = go.acceptGzip();
    // The log shows the lines in wire order; any configured header may carry a credential
    // (Authorization, X-Api-Key, cookies), so it masks every configured value, and only Go's own
    // (User-Agent by default, Content-Type, Accept-Encoding) show in clear.
    HeaderList logged;
    const bool ownUserAgent = go.userAgent() == GoRequestHeaders::DefaultUserAgent;
    if (go.hasUserAgent()) {
        logged.append({QByteArrayLiteral("User-Agent"),
                       ownUserAgent ? go.userAgent() : maskHeaderValue(QString::fromUtf8(go.userAgent())).toUtf8()});
    }
    for (qsizetype i = 0; i < go.sorted().size(); ++i) {
        const auto &[name, value] = go.sorted().at(i);
        logged.append({name, go.isConfigured(i) ? maskHeaderValue(QString::fromUtf8(value)).toUtf8() : value});
    }
    if (go.acceptGzip())
        logged.append({QByteArrayLiteral("Accept-Encoding"), QByteArrayLiteral("gzip")});
    m_loggedHeaders = logged;
}

bool HttpSink::usesLeanTransport() const
{
    const QString scheme = m_settings.url.scheme().toLower();
    return m_settings.transport == HttpTransportKind::Lean
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

HttpTransport *HttpSink::transportFor()
{
    if (usesLeanTransport()) {
        if (!m_lean) {
            m_lean = new LeanHttpTransport(this, m_clock);
            m_lean->setBodyTailHandler([this](HttpBodyTail tail) { handleBodyTail(std::move(tail)); });
        }
        return m_lean;
    }
    if (!m_qnam)
        m_qnam = new QnamHttpTransport(m_network, this);
    return m_qnam;
}

void HttpSink::write(const EventBlock &block, Report report)
{
    Q_ASSERT(!m_active);
    m_report = std::move(report);
    m_request.body = Envelope::serialize(block);

    m_current = AttemptRecord();
    m_current.sequence = ++m_sequence;
    m_current.startedAt = m_clock.wallNow();
    m_current.url = m_urlText;
    m_current.eventIds.reserve(int(block.size()));
    for (const EventPtr &event : block)
        m_current.eventIds.append(event->id());
    m_current.requestBodyBytes = m_request.body.size();
    // Shares the body's bytes unless it is over the capture limit.
    m_current.requestBody = m_request.body.size() <= AttemptRecord::BodyCaptureLimit
        ? m_request.body
        : m_request.body.left(AttemptRecord::BodyCaptureLimit);
    m_current.requestHeaders = m_loggedHeaders;

    m_startedNs = m_clock.nowNs();
    if (!m_urlProblem.isEmpty()) {
        // No request can be made: an Error per attempt, as the registry counts it, reported from
        // the event loop (callers expect no report inside write()).
        m_active = transportFor();
        QMetaObject::invokeMethod(
            this,
            [this, sequence = m_current.sequence] {
                if (!m_active || m_current.sequence != sequence)
                    return;
                HttpOutcome outcome;
                outcome.errorClass = ErrorClass::Url;
                outcome.errorText = m_urlProblem;
                complete(std::move(outcome), false);
            },
            Qt::QueuedConnection);
        return;
    }
    m_active = transportFor();
    m_deadlineNs = m_startedNs + m_settings.timeoutMs * qint64(1'000'000);
    // The timer is armed once and left running across attempts: when it fires early for an
    // attempt that already finished, handleTimeout re-arms it for the one in flight. That saves a
    // timer registration and removal per POST, which shows at thousands of POSTs a second. It is
    // re-armed here only when it would fire after this attempt's deadline.
    if (!m_timeout->isActive() || m_armedUntilNs > m_deadlineNs) {
        m_timeout->start(m_settings.timeoutMs);
        m_armedUntilNs = m_deadlineNs;
    }
    m_active->start(m_request, [this](HttpOutcome outcome) { handleFinished(std::move(outcome)); });
}

void HttpSink::handleTimeout()
{
    if (!m_active)
        return;
    const qint64 leftNs = m_deadlineNs - m_clock.nowNs();
    if (leftNs > 0) {
        // Armed for an earlier attempt: wait out this one's own deadline (rounded up to a ms).
        m_timeout->start((leftNs + 999'999) / 1'000'000);
        m_armedUntilNs = m_deadlineNs;
        return;
    }
    // What arrived in time stands: a status with its headers is the answer (Go's client returns at
    // the headers), no status is a timeout Error.
    HttpOutcome outcome = m_active->stop();
    // A transport that knows more about the time out (a TLS handshake that never finished) says so.
    const bool plainTimeout = outcome.status == 0 && outcome.errorClass == ErrorClass::None;
    complete(std::move(outcome), plainTimeout);
}

void HttpSink::handleFinished(HttpOutcome outcome)
{
    if (!m_active)
        return;
    complete(std::move(outcome), false);
}

void HttpSink::complete(HttpOutcome outcome, bool timedOut)
{
    m_active = nullptr;
    m_request.body = QByteArray();   // the log keeps its own share of the bytes
    AttemptRecord record = std::move(m_current);
    record.durationMs = elapsedMs();
    record.note = std::move(outcome.note);
    SinkResult result;
    if (outcome.status > 0) {
        const int status = outcome.status;
        // Go decodes a gzip answer to the gzip it asked for; the log shows the text.
        bool gzip = false;
        for (const auto &[name, value] : std::as_const(outcome.headers)) {
            if (name.compare("Content-Encoding", Qt::CaseInsensitive) == 0)
                gzip = m_request.acceptGzip && GzipBody::isGzip(value);
        }
        if (outcome.bodyPending) {
            m_tailSequence = record.sequence;
            m_tailGzip = gzip;
        }
        QString gzipNote;
        record.responseBody = logBody(std::move(outcome.body), gzip, &gzipNote);
        if (!gzipNote.isEmpty() && !outcome.bodyPending)
            record.note = record.note.isEmpty() ? gzipNote : record.note + QStringLiteral("; ") + gzipNote;
        record.responseHeaders = std::move(outcome.headers);
        // A receiver's Location (201 Created, a redirect not followed) can be a presigned URL:
        // the log shows it masked like any other URL.
        for (auto &[name, value] : record.responseHeaders) {
            if (name.compare("Location", Qt::CaseInsensitive) == 0
                || name.compare("Content-Location", Qt::CaseInsensitive) == 0)
                value = maskUrl(QString::fromUtf8(value)).toUtf8();
        }
        record.status = status;
        record.reason = httpStatusText(status);
        result.status = status;
        if (status >= 200 && status <= 399) {
            record.outcome = AttemptRecord::Success;
            result.kind = SinkResult::Ok;
        } else {
            record.outcome = AttemptRecord::Failure;
            result.kind = SinkResult::Failed;
            result.message = QStringLiteral("response status %1 unaccepted").arg(httpStatusKey(status));
            record.errorText = result.message;
        }
        finish(std::move(record), result);
        return;
    }
    result.kind = SinkResult::Failed;
    if (timedOut) {
        result.errorClass = ErrorClass::Timeout;
        result.message = QStringLiteral("timeout: no response within %1 ms").arg(m_settings.timeoutMs);
    } else {
        result.errorClass = outcome.errorClass == ErrorClass::None ? ErrorClass::Other : outcome.errorClass;
        // Qt's error strings name the URL they failed on ("Error transferring http://u:pw@..."); the
        // message reaches the log, the window and /debug/vars, so it is masked here once.
        result.message = maskUrlsInText(outcome.errorText);
    }
    record.outcome = AttemptRecord::Error;
    record.errorClass = result.errorClass;
    record.errorText = result.message;
    finish(std::move(record), result);
}

QByteArray HttpSink::logBody(QByteArray body, bool gzip, QString *note) const
{
    if (!gzip || body.isEmpty())
        return body;
    GzipBody::Decoded decoded = GzipBody::decode(body, AttemptRecord::BodyCaptureLimit);
    if (!decoded.error.isEmpty()) {
        *note = QStringLiteral("gzip body not decoded (%1); shown as received").arg(decoded.error);
        return body;
    }
    *note = QStringLiteral("gzip body decoded for the log (%1 bytes received)").arg(body.size());
    return std::move(decoded.text);
}

void HttpSink::handleBodyTail(HttpBodyTail tail)
{
    const qint64 sequence = std::exchange(m_tailSequence, 0);
    if (sequence == 0 || !m_bodyAmender)
        return;
    QString gzipNote;
    QByteArray body = logBody(std::move(tail.body), m_tailGzip, &gzipNote);
    QString note = tail.note;
    if (!gzipNote.isEmpty())
        note = note.isEmpty() ? gzipNote : note + QStringLiteral("; ") + gzipNote;
    m_bodyAmender(sequence, std::move(body), note);
}

void HttpSink::finish(AttemptRecord record, SinkResult result)
{
    result.attempts = 1;
    result.attempt = std::make_shared<const AttemptRecord>(std::move(record));
    Report report = std::move(m_report);
    m_report = nullptr;
    if (report)
        report(result);
}

void HttpSink::cancel(DeadLetterReason why)
{
    if (!m_active)
        return;
    m_timeout->stop();
    m_active->stop();
    m_active = nullptr;
    m_request.body = QByteArray();
    AttemptRecord record = std::move(m_current);
    record.durationMs = elapsedMs();
    record.outcome = AttemptRecord::Cancelled;
    record.errorClass = ErrorClass::Cancelled;
    record.errorText = QStringLiteral("cancelled by an operator command");
    finish(std::move(record), SinkResult::cancelled(why));
}

} // namespace hookscope
