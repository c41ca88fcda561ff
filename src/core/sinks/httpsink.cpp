#include "sinks/httpsink.h"

#include "config/secretmask.h"
#include "model/envelope.h"
#include "model/httpstatus.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace hookscope {

namespace {

ErrorClass classify(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return ErrorClass::Refused;
    case QNetworkReply::RemoteHostClosedError:
        return ErrorClass::Reset;
    case QNetworkReply::HostNotFoundError:
        return ErrorClass::Dns;
    case QNetworkReply::TimeoutError:
        return ErrorClass::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return ErrorClass::Tls;
    default:
        return ErrorClass::Other;
    }
}

} // namespace

HttpSink::HttpSink(QNetworkAccessManager *network, Settings settings, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_settings(std::move(settings))
{
    m_timeout.setSingleShot(true);
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &HttpSink::handleTimeout);
}

HttpSink::~HttpSink()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpSink::setSettings(const Settings &settings)
{
    m_settings = settings;
}

void HttpSink::write(const EventBlock &block, Done done)
{
    Q_ASSERT(!m_reply);
    m_done = std::move(done);
    m_timedOut = false;

    const QByteArray body = Envelope::serialize(block);
    QNetworkRequest request(m_settings.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray(Envelope::MediaTypeV1));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray(UserAgent));
    // Go follows up to 10 redirects; 307/308 re-POST, 301/302/303 turn into a GET.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(10);
    // The attempt's own deadline is our timer; keep Qt's inactivity timeout out of the way.
    request.setTransferTimeout(0);

    m_current = AttemptRecord();
    m_current.sequence = ++m_sequence;
    m_current.startedAt = QDateTime::currentDateTimeUtc();
    m_current.url = m_settings.url.toString();
    m_current.eventIds.reserve(int(block.size()));
    for (const EventPtr &event : block)
        m_current.eventIds.append(event->id());
    m_current.requestBodyBytes = body.size();
    m_current.requestBody = body.left(AttemptRecord::BodyCaptureLimit);
    m_current.requestHeaders.append({QByteArrayLiteral("Content-Type"), QByteArray(Envelope::MediaTypeV1)});

    for (const auto &[name, values] : std::as_const(m_settings.headers)) {
        const QByteArray rawName = name.toUtf8();
        // A configured User-Agent or Content-Type replaces ours instead of doubling it; every
        // other header keeps all its configured values, like Go's http.Header.Add.
        QByteArray joined;
        for (const QString &value : values) {
            if (!joined.isEmpty())
                joined += ", ";
            joined += value.toUtf8();
            // Any configured header may carry a credential (Authorization, X-Api-Key, cookies),
            // so the log masks every configured value; only our own fixed headers show in clear.
            m_current.requestHeaders.append({rawName, maskHeaderValue(value).toUtf8()});
        }
        request.setRawHeader(rawName, joined);
    }

    m_elapsed.start();
    m_reply = m_network->post(request, body);
    connect(m_reply, &QNetworkReply::finished, this, &HttpSink::handleFinished);
    m_timeout.start(m_settings.timeoutMs);
}

void HttpSink::handleTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();   // emits finished; handleFinished classifies it
}

void HttpSink::handleFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_timeout.stop();
    reply->disconnect(this);
    reply->deleteLater();

    AttemptRecord record = std::move(m_current);
    record.durationMs = double(m_elapsed.nsecsElapsed()) / 1e6;
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusAttr.isValid() && statusAttr.toInt() > 0) {
        record.responseBody = reply->read(AttemptRecord::BodyCaptureLimit);
        for (const auto &pair : reply->rawHeaderPairs())
            record.responseHeaders.append(pair);
        const int status = statusAttr.toInt();
        record.status = status;
        record.reason = httpStatusText(status);
        SinkResult result;
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
        m_reply = nullptr;
        finish(std::move(record), result);
        return;
    }

    SinkResult result;
    result.kind = SinkResult::Failed;
    if (m_timedOut) {
        result.errorClass = ErrorClass::Timeout;
        result.message = QStringLiteral("timeout: no response within %1 ms").arg(m_settings.timeoutMs);
    } else {
        result.errorClass = classify(reply->error());
        result.message = reply->errorString();
    }
    record.outcome = AttemptRecord::Error;
    record.errorClass = result.errorClass;
    record.errorText = result.message;
    m_reply = nullptr;
    finish(std::move(record), result);
}

void HttpSink::finish(AttemptRecord record, SinkResult result)
{
    if (m_observer)
        m_observer(record);
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(result);
}

void HttpSink::cancel()
{
    if (!m_reply)
        return;
    m_timeout.stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    AttemptRecord record = std::move(m_current);
    record.durationMs = double(m_elapsed.nsecsElapsed()) / 1e6;
    record.outcome = AttemptRecord::Cancelled;
    record.errorClass = ErrorClass::Cancelled;
    record.errorText = QStringLiteral("cancelled by an operator command");
    finish(std::move(record), SinkResult::cancelled());
}

} // namespace hookscope
