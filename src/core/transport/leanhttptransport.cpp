#include "core/transport/leanhttptransport.h"

#include "core/base/errorclass.h"
#include "core/transport/gorequestheaders.h"
#include "core/transport/tlsclientsettings.h"
#include "core/transport/tlsfailure.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QMetaObject>

#include <cerrno>
#include <charconv>

#include <sys/socket.h>

namespace hookscope {

namespace {

constexpr qint64 ReadChunk = 256 * 1024;
constexpr qsizetype KeepOutBufferBytes = 1024 * 1024;

constexpr std::pair<QAbstractSocket::SocketError, ErrorClass> SocketErrorClasses[] = {
    {QAbstractSocket::ConnectionRefusedError, ErrorClass::Refused},
    {QAbstractSocket::RemoteHostClosedError, ErrorClass::Reset},
    {QAbstractSocket::HostNotFoundError, ErrorClass::Dns},
    {QAbstractSocket::SocketTimeoutError, ErrorClass::Timeout},
};

// OpenSSL's own errors, and the receiver's alerts, come as these; a plain reset stays a reset.
bool isTlsSocketError(const QTcpSocket *socket)
{
    if (!socket)
        return false;
    const QAbstractSocket::SocketError error = socket->error();
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
        || error == QAbstractSocket::SslInvalidUserDataError
        || (error == QAbstractSocket::RemoteHostClosedError
            && !static_cast<const QSslSocket *>(socket)->isEncrypted());
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

} // namespace

LeanHttpTransport::LeanHttpTransport(QObject *parent, Clock &clock)
    : QObject(parent)
    , m_socket(nullptr)
    , m_tailTimer(clock.createTimer(this, [this] {
        if (m_draining)
            endTail(false, QStringLiteral("the body did not end within %1 ms of the headers; connection closed")
                               .arg(BodyTailMs));
    }))
    , m_clock(clock)
{
    m_in.reserve(64 * 1024);
}

LeanHttpTransport::~LeanHttpTransport()
{
    m_finished = nullptr;
    m_bodyTail = nullptr;
    m_busy = false;
    m_draining = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void LeanHttpTransport::start(const HttpRequestSpec &request, Finished finished)
{
    Q_ASSERT(!m_busy);
    if (m_draining)
        endTail(false, QStringLiteral("the next delivery began before the body ended; connection closed"));
    m_spec = request;
    m_finished = std::move(finished);
    m_target = request.url;
    m_redirectHeaders.reset(request.headers);
    m_post = true;
    m_redirects = 0;
    m_following = false;
    m_referer.clear();
    m_busy = true;
    if (m_target.scheme() != QLatin1String("http") && m_target.scheme() != QLatin1String("https")) {
        // HttpSink never hands over another scheme; this only guards a misuse, reported like any
        // error, from the event loop (a queued call) since callers expect no report inside start().
        QMetaObject::invokeMethod(
            this,
            [this, url = m_target.toString(QUrl::RemoveUserInfo)] {
                if (m_busy)
                    fail(ErrorClass::Url, QStringLiteral("%1: the lean transport speaks http:// and https:// only").arg(url));
            },
            Qt::QueuedConnection);
        return;
    }
    send();
}

void LeanHttpTransport::send()
{
    const QString host = m_target.host();
    const bool secure = m_target.scheme() == QLatin1String("https");
    const quint16 port = quint16(m_target.port(secure ? 443 : 80));
    if (m_socket && m_connected && host == m_host && port == m_port && secure == m_secure
        && m_socket->state() == QAbstractSocket::ConnectedState && !peerClosedWhileIdle()) {
        m_reused = true;
        writeRequest();
        return;
    }
    dropConnection();
    m_host = host;
    m_port = port;
    m_secure = secure;
    m_reused = false;
    m_tlsFailure.reset();
    ++m_connectionsOpened;
    // A socket per connection: a closed one may still have signals on their way, and those must
    // never reach the exchange that follows.
    if (secure) {
        auto *ssl = new QSslSocket(this);
        m_socket = ssl;
        const TlsClientSettings *tls = m_spec.tls.get();
        ssl->setSslConfiguration(tls ? tls->configuration() : QSslConfiguration::defaultConfiguration());
        // `servername` names the endpoint's own host; a redirect elsewhere verifies that host.
        const QString name = tls && !tls->serverName().isEmpty() && host == m_spec.url.host() ? tls->serverName() : host;
        ssl->setPeerVerifyName(name);
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            m_connected = true;
            if (m_busy)
                writeRequest();
        });
        connect(ssl, &QSslSocket::sslErrors, this, [this, ssl](const QList<QSslError> &errors) {
            if (m_spec.tls && m_spec.tls->insecure()) {
                ssl->ignoreSslErrors();
                return;
            }
            // Qt aborts the handshake after this signal; the failure is reported from there.
            m_tlsFailure = TlsFailure::fromVerification(errors);
        });
        connect(ssl, &QSslSocket::alertReceived, this,
                [this](QSsl::AlertLevel level, QSsl::AlertType type, const QString &description) {
                    if (level == QSsl::AlertLevel::Fatal && !m_tlsFailure)
                        m_tlsFailure = TlsFailure::fromAlert(type, description);
                });
        connect(ssl, &QSslSocket::connected, this, [this] { m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, [this] {
            m_connected = true;
            m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            if (m_busy)
                writeRequest();
        });
    }
    connect(m_socket, &QTcpSocket::readyRead, this, &LeanHttpTransport::handleReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &LeanHttpTransport::handleConnectionLost);
    connect(m_socket, &QTcpSocket::disconnected, this, &LeanHttpTransport::handleConnectionLost);
    if (secure)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(host, port, static_cast<QSslSocket *>(m_socket)->peerVerifyName());
    else
        m_socket->connectToHost(host, port);
}

bool LeanHttpTransport::peerClosedWhileIdle() const
{
    // A receiver that closed the idle connection (its keep-alive timeout) may have done so since the
    // event loop last looked. After a pause, peek: a FIN waiting means a new connection now, instead
    // of a request the receiver will never read and an Error for it. Back-to-back requests skip this.
    constexpr qint64 IdlePeekAfterMs = 50;
    if (m_idleSinceMs < 0 || m_clock.nowMs() - m_idleSinceMs < IdlePeekAfterMs)
        return false;
    char byte;
    const ssize_t n = ::recv(int(m_socket->socketDescriptor()), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

void LeanHttpTransport::buildHead()
{
    const bool dropped = m_redirectHeaders.dropped();
    if (m_headGeneration == m_spec.generation && m_headUrl == m_target && m_headPost == m_post
        && m_headDropped == dropped && m_headReferer == m_referer)
        return;
    m_headGeneration = m_spec.generation;
    m_headUrl = m_target;
    m_headPost = m_post;
    m_headDropped = dropped;
    m_headReferer = m_referer;

    // URL.RequestURI: the escaped path ("/" when empty) and the query as written.
    QByteArray target = m_target.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (m_target.hasQuery())
        target += '?' + m_target.query(QUrl::FullyEncoded).toUtf8();
    QByteArray host = m_target.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (m_target.port() != -1)
        host += ':' + QByteArray::number(m_target.port());

    QByteArray &h = m_headPrefix;
    h.clear();
    h += m_post ? "POST " : "GET ";
    h += target;
    h += " HTTP/1.1\r\nHost: ";
    h += host;
    h += "\r\n";
    if (!m_spec.userAgent.isEmpty())
        h += "User-Agent: " + m_spec.userAgent + "\r\n";

    // The request's own headers (less the credentials a cross-host redirect took out), with what
    // Go's client adds per hop in their sorted places: Basic auth from the URL's user info (before
    // any configured Authorization: the registry's round tripper appends those) and the Referer.
    HeaderList lines = dropped ? m_redirectHeaders.headers() : m_spec.headers;
    if (!m_target.userInfo().isEmpty()) {
        const QByteArray pair = m_target.userName().toUtf8() + ':' + m_target.password().toUtf8();
        GoRequestHeaders::insertSorted(lines, QByteArrayLiteral("Authorization"), "Basic " + pair.toBase64());
    }
    if (!m_referer.isEmpty())
        GoRequestHeaders::insertSorted(lines, QByteArrayLiteral("Referer"), m_referer);
    QByteArray &t = m_headSuffix;
    t.clear();
    for (const auto &[name, value] : std::as_const(lines)) {
        t += name;
        t += ": ";
        t += value;
        t += "\r\n";
    }
    if (m_spec.acceptGzip)
        t += "Accept-Encoding: gzip\r\n";
    t += "\r\n";
}

void LeanHttpTransport::writeRequest()
{
    buildHead();
    m_out.resize(0);   // keeps the capacity of earlier requests
    m_out.append(m_headPrefix);
    if (m_post) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, m_spec.body.size()).ptr;
        m_out.append("Content-Length: ");
        m_out.append(digits, qsizetype(end - digits));
        m_out.append("\r\n");
    }
    m_out.append(m_headSuffix);
    if (m_post)
        m_out.append(m_spec.body);
    m_parser.reset();
    m_following = false;
    // Straight into the kernel when Qt holds nothing unsent: QTcpSocket::write would buffer, arm the
    // write notifier and wake the event loop twice per request. Whatever the kernel does not take
    // (a full send buffer, an error) goes through Qt, which reports errors the usual way.
    qsizetype sent = 0;
    const qintptr fd = m_secure ? -1 : m_socket->socketDescriptor();   // TLS: Qt encrypts
    if (fd >= 0 && m_socket->bytesToWrite() == 0) {
        const ssize_t n = ::send(int(fd), m_out.constData(), size_t(m_out.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
            sent = qsizetype(n);
    }
    if (sent < m_out.size()) {
        m_socket->write(m_out.constData() + sent, m_out.size() - sent);
        m_socket->flush();
    }
    // Qt copied what it did not send; a big batch's buffer is not worth keeping for the next one.
    if (m_out.capacity() > KeepOutBufferBytes)
        m_out = QByteArray();
}

void LeanHttpTransport::handleReadyRead()
{
    if (!m_busy && !m_draining) {
        // Bytes nobody asked for on an idle connection: it cannot be trusted with the next request.
        dropConnection();
        return;
    }
    QTcpSocket *const socket = m_socket;
    while ((m_busy || m_draining) && m_socket == socket && socket) {
        const qint64 available = socket->bytesAvailable();
        if (available <= 0)
            return;
        m_in.resize(qsizetype(qMin(available, ReadChunk)));
        const qint64 n = socket->read(m_in.data(), m_in.size());
        if (n <= 0)
            return;
        const HttpResponseParser::State state = m_parser.feed(m_in.constData(), qsizetype(n));
        advance(state, m_parser.consumed() == qsizetype(n) && socket->bytesAvailable() == 0);
    }
}

// One step of the exchange after bytes were fed. Each branch that reports may start the next
// exchange (on another socket): the read loop stops when the socket changed.
void LeanHttpTransport::advance(HttpResponseParser::State state, bool clean)
{
    using State = HttpResponseParser::State;
    if (m_draining) {
        if (state == State::Complete)
            endTail(clean && m_parser.keepAlive(), QString());
        else if (state == State::Error)
            endTail(false, QStringLiteral("body: %1").arg(m_parser.errorText()));
        return;
    }
    if (state == State::Error) {
        if (m_following) {
            // Go's client ignores what goes wrong while it skims a redirect's body, and follows.
            dropConnection();
            followRedirect();
        } else if (m_parser.headersDone()) {
            // The headers had come (in the same read as a broken body): the status stands, as
            // Go's client returned at them; the connection is unusable.
            dropConnection();
            HttpOutcome outcome;
            outcome.status = m_parser.status();
            outcome.headers = m_parser.headers();
            outcome.body = m_parser.takeBody();
            outcome.note = QStringLiteral("body: %1").arg(m_parser.errorText());
            finish(std::move(outcome));
        } else {
            fail(ErrorClass::Other, m_parser.errorText());
        }
        return;
    }
    if (state == State::HeadersDone || state == State::Complete)
        m_following = isRedirect(m_parser.status()) && !m_parser.header("Location").isEmpty();
    if (state == State::Complete) {
        handleComplete(clean && m_parser.keepAlive());
    } else if (state == State::HeadersDone) {
        if (!m_following) {
            reportAtHeaders();
        } else if (m_parser.bodyBytesSeen() > RedirectBodySlurp) {
            dropConnection();
            followRedirect();
        }
    }
}

void LeanHttpTransport::handleComplete(bool reusable)
{
    if (!reusable)
        dropConnection();
    if (m_following) {
        followRedirect();
        return;
    }
    HttpOutcome outcome;
    outcome.status = m_parser.status();
    outcome.headers = m_parser.headers();
    outcome.body = m_parser.takeBody();
    finish(std::move(outcome));
}

void LeanHttpTransport::reportAtHeaders()
{
    HttpOutcome outcome;
    outcome.status = m_parser.status();
    outcome.headers = m_parser.headers();
    outcome.body = m_parser.body();   // the parser keeps collecting the rest for the tail
    outcome.bodyPending = true;
    m_draining = true;
    m_tailTimer->start(BodyTailMs);
    finish(std::move(outcome));
}

void LeanHttpTransport::endTail(bool reusable, const QString &note)
{
    m_draining = false;
    m_tailTimer->stop();
    if (!reusable)
        dropConnection();
    HttpBodyTail tail;
    tail.bytesSeen = m_parser.bodyBytesSeen();
    tail.body = m_parser.takeBody();
    tail.note = note;
    if (m_bodyTail)
        m_bodyTail(std::move(tail));
}

void LeanHttpTransport::followRedirect()
{
    if (++m_redirects >= RedirectHeaders::MaxRedirects) {
        fail(ErrorClass::Other, QStringLiteral("stopped after %1 redirects").arg(RedirectHeaders::MaxRedirects));
        return;
    }
    const QUrl next = m_target.resolved(QUrl::fromEncoded(m_parser.header("Location")));
    if (next.scheme() != QLatin1String("http") && next.scheme() != QLatin1String("https")) {
        // Go: the next request fails with `unsupported protocol scheme`.
        fail(ErrorClass::Other, QStringLiteral("redirected to %1: unsupported protocol scheme \"%2\"")
                                    .arg(next.toString(QUrl::RemoveUserInfo), next.scheme()));
        return;
    }
    if (!RedirectHeaders::staysPost(m_parser.status()))
        m_post = false;
    m_redirectHeaders.redirect(m_target, next);
    // refererForURL: the previous URL without its user info, none from https to http.
    const bool downgrade = m_target.scheme() == QLatin1String("https") && next.scheme() == QLatin1String("http");
    m_referer = downgrade ? QByteArray() : m_target.toString(QUrl::RemoveUserInfo | QUrl::FullyEncoded).toUtf8();
    m_target = next;
    send();
}

void LeanHttpTransport::handleConnectionLost()
{
    QTcpSocket *socket = m_socket;
    if (!m_busy && !m_draining) {
        m_connected = false;
        return;
    }
    // Whatever the receiver sent before closing is still buffered: read it first.
    if (socket && socket->bytesAvailable() > 0) {
        handleReadyRead();
        if ((!m_busy && !m_draining) || m_socket != socket)
            return;
    }
    m_connected = false;
    if (m_draining) {
        const bool ended = m_parser.feedEof() == HttpResponseParser::State::Complete;
        endTail(false, ended ? QString() : QStringLiteral("body: %1").arg(m_parser.errorText()));
        return;
    }
    if (m_parser.anyByteSeen()) {
        // A response framed by the close completes now; a redirect whose body was cut short is
        // followed anyway (Go skims it and ignores the error); anything else was cut short.
        const bool hadHeaders = m_parser.headersDone();
        if (m_parser.feedEof() == HttpResponseParser::State::Complete) {
            m_following = isRedirect(m_parser.status()) && !m_parser.header("Location").isEmpty();
            handleComplete(false);
        } else if (hadHeaders && m_following) {
            dropConnection();
            followRedirect();
        } else {
            fail(ErrorClass::Reset, m_parser.errorText());
        }
        return;
    }
    if (m_secure && (m_tlsFailure || isTlsSocketError(socket))) {
        const TlsFailure failure = m_tlsFailure ? *m_tlsFailure : TlsFailure::fromSocketError(socket->errorString());
        fail(failure.errorClass, failure.reason);
        return;
    }
    if (m_reused) {
        fail(ErrorClass::Reset,
             QStringLiteral("the receiver closed the kept-alive connection before any response "
                            "(not re-sent: the retry policy decides)"));
        return;
    }
    const QAbstractSocket::SocketError error = socket ? socket->error() : QAbstractSocket::UnknownSocketError;
    fail(error == QAbstractSocket::UnknownSocketError ? ErrorClass::Reset
                                                      : classifyError(SocketErrorClasses, error),
         socket ? socket->errorString() : QStringLiteral("connection lost"));
}

void LeanHttpTransport::fail(ErrorClass errorClass, const QString &text)
{
    dropConnection();
    HttpOutcome outcome;
    outcome.errorClass = errorClass;
    outcome.errorText = text;
    finish(std::move(outcome));
}

void LeanHttpTransport::finish(HttpOutcome outcome)
{
    m_busy = false;
    m_idleSinceMs = m_clock.nowMs();
    const QString redirectNote = m_redirectHeaders.note();
    if (!redirectNote.isEmpty())
        outcome.note = outcome.note.isEmpty() ? redirectNote : redirectNote + QStringLiteral("; ") + outcome.note;
    Finished finished = std::move(m_finished);
    m_finished = nullptr;
    if (finished)
        finished(std::move(outcome));   // may start the next exchange: nothing may follow this
}

HttpOutcome LeanHttpTransport::stop()
{
    HttpOutcome outcome;
    if (!m_busy)
        return outcome;
    const auto state = m_parser.state();
    if ((state == HttpResponseParser::State::HeadersDone || state == HttpResponseParser::State::Complete)
        && !m_following) {
        outcome.status = m_parser.status();
        outcome.headers = m_parser.headers();
        outcome.body = m_parser.takeBody();
    }
    outcome.note = m_redirectHeaders.note();
    if (outcome.status == 0 && m_secure && m_socket && m_socket->state() == QAbstractSocket::ConnectedState
        && !static_cast<QSslSocket *>(m_socket)->isEncrypted()) {
        outcome.errorClass = ErrorClass::TlsHandshakeTimeout;
        outcome.errorText = QStringLiteral("tls-timeout: connected, but the TLS handshake with %1:%2 did not finish")
                                .arg(m_host)
                                .arg(m_port);
    }
    m_busy = false;
    m_finished = nullptr;
    dropConnection();   // the response was not read to its end: the connection is unusable
    return outcome;
}

void LeanHttpTransport::dropConnection()
{
    m_connected = false;
    if (!m_socket)
        return;
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace hookscope
