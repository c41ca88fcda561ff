#include "sinks/qnamhttptransport.h"

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

QnamHttpTransport::QnamHttpTransport(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
}

QnamHttpTransport::~QnamHttpTransport()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void QnamHttpTransport::start(const HttpRequestSpec &spec, Finished finished)
{
    Q_ASSERT(!m_reply);
    m_finished = std::move(finished);
    QNetworkRequest request(spec.url);
    for (const auto &[name, value] : spec.headers)
        request.setRawHeader(name, value);
    // Go follows up to 10 redirects; 307/308 re-POST, 301/302/303 turn into a GET.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(10);
    // The attempt's deadline is HttpSink's; keep Qt's inactivity timeout out of the way.
    request.setTransferTimeout(0);
    m_reply = m_network->post(request, spec.body);
    connect(m_reply, &QNetworkReply::finished, this, &QnamHttpTransport::handleFinished);
}

HttpOutcome QnamHttpTransport::takeOutcome(QNetworkReply *reply)
{
    HttpOutcome outcome;
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (statusAttr.isValid() && statusAttr.toInt() > 0) {
        outcome.status = statusAttr.toInt();
        if (reply->isOpen())   // closed by an abort: the headers stand, the body is gone
            outcome.body = reply->read(AttemptRecord::BodyCaptureLimit);
        for (const auto &pair : reply->rawHeaderPairs())
            outcome.headers.append(pair);
    } else {
        outcome.errorClass = classify(reply->error());
        outcome.errorText = reply->errorString();
    }
    return outcome;
}

void QnamHttpTransport::handleFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();
    HttpOutcome outcome = takeOutcome(reply);
    Finished finished = std::move(m_finished);
    m_finished = nullptr;
    if (finished)
        finished(std::move(outcome));
}

HttpOutcome QnamHttpTransport::stop()
{
    QNetworkReply *reply = m_reply;
    if (!reply)
        return {};
    m_reply = nullptr;
    m_finished = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    // A status that arrived before the stop stands (the registry's client returns at the headers).
    HttpOutcome outcome = takeOutcome(reply);
    if (outcome.status == 0) {
        outcome.errorClass = ErrorClass::None;
        outcome.errorText.clear();
    }
    return outcome;
}

} // namespace hookscope
