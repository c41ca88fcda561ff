#include "core/transport/qnamhttptransport.h"

#include "core/base/errorclass.h"
#include "core/transport/tlsclientsettings.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace hookscope {

namespace {

constexpr std::pair<QNetworkReply::NetworkError, ErrorClass> ReplyErrorClasses[] = {
    {QNetworkReply::ConnectionRefusedError, ErrorClass::Refused},
    {QNetworkReply::RemoteHostClosedError, ErrorClass::Reset},
    {QNetworkReply::HostNotFoundError, ErrorClass::Dns},
    {QNetworkReply::TimeoutError, ErrorClass::Timeout},
    {QNetworkReply::SslHandshakeFailedError, ErrorClass::Tls},
};

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
    m_spec = spec;
    m_target = spec.url;
    m_post = true;
    m_redirects = 0;
    m_redirectHeaders.reset(spec.headers);
    send();
}

void QnamHttpTransport::send()
{
    QNetworkRequest request(m_target);
    // QNetworkRequest keeps one value per name: the lines of a multi-valued header are joined
    // (README: what the QNAM transport cannot do as Go does).
    if (!m_spec.userAgent.isEmpty())
        request.setRawHeader("User-Agent", m_spec.userAgent);
    for (const auto &[name, value] : m_redirectHeaders.headers()) {
        const QByteArray before = request.rawHeader(name);
        request.setRawHeader(name, request.hasRawHeader(name) ? before + ", " + value : value);
    }
    if (m_spec.tls)
        request.setSslConfiguration(m_spec.tls->configuration());
    // Redirects come back to followRedirect() (see the class comment).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // The attempt's deadline is HttpSink's; keep Qt's inactivity timeout out of the way.
    request.setTransferTimeout(0);
    m_reply = m_post ? m_network->post(request, m_spec.body) : m_network->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &QnamHttpTransport::handleFinished);
}

// Follows a 301/302/303/307/308 with a Location as Go's client does; false when `reply` is the final
// answer (not a redirect, or a bare 3xx without Location, which the registry counts as delivered).
bool QnamHttpTransport::followRedirect(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
        return false;
    const QByteArray location = reply->rawHeader("Location");
    if (location.isEmpty())
        return false;
    HttpOutcome failure;
    failure.errorClass = ErrorClass::Other;
    const QUrl next = m_target.resolved(QUrl::fromEncoded(location));
    const QString scheme = next.scheme().toLower();
    if (++m_redirects >= RedirectHeaders::MaxRedirects) {
        failure.errorText = QStringLiteral("stopped after %1 redirects").arg(RedirectHeaders::MaxRedirects);
    } else if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        failure.errorText = QStringLiteral("redirected to an unsupported scheme \"%1\"").arg(next.scheme());
    } else if (scheme == QLatin1String("http") && m_target.scheme().toLower() == QLatin1String("https")) {
        // What Qt's NoLessSafeRedirectPolicy refused before redirects were followed here.
        failure.errorText = QStringLiteral("redirected from https to http %1: refused")
                                .arg(next.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment));
    }
    if (!failure.errorText.isEmpty()) {
        finish(std::move(failure));
        return true;
    }
    if (!RedirectHeaders::staysPost(status))
        m_post = false;
    m_redirectHeaders.redirect(m_target, next);
    m_target = next;
    send();
    return true;
}

void QnamHttpTransport::finish(HttpOutcome outcome)
{
    outcome.note = m_redirectHeaders.note();
    m_spec.body = QByteArray();   // kept only while redirects may re-POST it
    Finished finished = std::move(m_finished);
    m_finished = nullptr;
    if (finished)
        finished(std::move(outcome));
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
        outcome.errorClass = classifyError(ReplyErrorClasses, reply->error());
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
    if (reply->error() == QNetworkReply::NoError && followRedirect(reply))
        return;
    finish(takeOutcome(reply));
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
    outcome.note = m_redirectHeaders.note();
    m_spec.body = QByteArray();
    return outcome;
}

} // namespace hookscope
