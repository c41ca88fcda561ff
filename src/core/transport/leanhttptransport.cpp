#include "core/transport/leanhttptransport.h"

#include "core/base/errorclass.h"

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

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Header names Go's request writer takes from the request itself, never from Header.
bool isFramingHeader(const QByteArray &name)
{
    return name.compare("Host", Qt::CaseInsensitive) == 0
        || name.compare("Content-Length", Qt::CaseInsensitive) == 0
        || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
        || name.compare("Trailer", Qt::CaseInsensitive) == 0;
}

} // namespace

LeanHttpTransport::LeanHttpTransport(QObject *parent, Clock &clock)
    : QObject(parent)
    , m_socket(nullptr)
    , m_clock(clock)
{
    m_in.reserve(64 * 1024);
}

LeanHttpTransport::~LeanHttpTransport()
{
    m_finished = nullptr;
    m_busy = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void LeanHttpTransport::start(const HttpRequestSpec &request, Finished finished)
{
    Q_ASSERT(!m_busy);
    m_spec = request;
    m_finished = std::move(finished);
    m_target = request.url;
    m_redirectHeaders.reset(request.headers);
    m_post = true;
    m_redirects = 0;
    m_following = false;
    m_busy = true;
    if (m_target.scheme() != QLatin1String("http")) {
        // HttpSink sends https through QNAM; this only guards a misuse, reported like any error,
        // from the event loop (a queued call, no timer) since callers expect no report inside start().
        QMetaObject::invokeMethod(
            this,
            [this, url = m_target.toString()] {
                if (m_busy)
                    fail(ErrorClass::Other, QStringLiteral("%1: the lean transport speaks http:// only").arg(url));
            },
            Qt::QueuedConnection);
        return;
    }
    send();
}

void LeanHttpTransport::send()
{
    const QString host = m_target.host();
    const quint16 port = quint16(m_target.port(80));
    if (m_socket && m_connected && host == m_host && port == m_port
        && m_socket->state() == QAbstractSocket::ConnectedState && !peerClosedWhileIdle()) {
        m_reused = true;
        writeRequest();
        return;
    }
    dropConnection();
    m_host = host;
    m_port = port;
    m_reused = false;
    ++m_connectionsOpened;
    // A socket per connection: a closed one may still have signals on their way, and those must
    // never reach the exchange that follows.
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_connected = true;
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_busy)
            writeRequest();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &LeanHttpTransport::handleReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &LeanHttpTransport::handleConnectionLost);
    connect(m_socket, &QTcpSocket::disconnected, this, &LeanHttpTransport::handleConnectionLost);
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
        && m_headDropped == dropped)
        return;
    m_headGeneration = m_spec.generation;
    m_headUrl = m_target;
    m_headPost = m_post;
    m_headDropped = dropped;

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
    bool hasAuthorization = false;
    // The request's own headers, unless a cross-host redirect took its credentials out.
    const HeaderList &headers = dropped ? m_redirectHeaders.headers() : m_spec.headers;
    for (const auto &[name, value] : headers) {
        if (isFramingHeader(name))
            continue;
        hasAuthorization = hasAuthorization || name.compare("Authorization", Qt::CaseInsensitive) == 0;
        h += name;
        h += ": ";
        h += value;
        h += "\r\n";
    }
    // Credentials in the URL become Basic auth, as Go's client sends them.
    if (!hasAuthorization && !m_target.userName().isEmpty()) {
        const QByteArray pair = m_target.userName().toUtf8() + ':' + m_target.password().toUtf8();
        h += "Authorization: Basic " + pair.toBase64() + "\r\n";
    }
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
        m_out.append("\r\n\r\n");
        m_out.append(m_spec.body);
    } else {
        m_out.append("\r\n");
    }
    m_parser.reset();
    m_following = false;
    // Straight into the kernel when Qt holds nothing unsent: QTcpSocket::write would buffer, arm the
    // write notifier and wake the event loop twice per request. Whatever the kernel does not take
    // (a full send buffer, an error) goes through Qt, which reports errors the usual way.
    qsizetype sent = 0;
    const qintptr fd = m_socket->socketDescriptor();
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
    if (!m_busy) {
        // Bytes nobody asked for on an idle connection: it cannot be trusted with the next request.
        dropConnection();
        return;
    }
    while (m_busy && m_socket) {
        const qint64 available = m_socket->bytesAvailable();
        if (available <= 0)
            return;
        m_in.resize(qsizetype(qMin(available, ReadChunk)));
        const qint64 n = m_socket->read(m_in.data(), m_in.size());
        if (n <= 0)
            return;
        const HttpResponseParser::State state = m_parser.feed(m_in.constData(), qsizetype(n));
        if (state == HttpResponseParser::State::Error) {
            fail(ErrorClass::Other, m_parser.errorText());
            return;
        }
        if (state == HttpResponseParser::State::HeadersDone || state == HttpResponseParser::State::Complete)
            m_following = isRedirect(m_parser.status()) && !m_parser.header("Location").isEmpty();
        if (state == HttpResponseParser::State::Complete) {
            const bool clean = m_parser.consumed() == qsizetype(n) && m_socket->bytesAvailable() == 0;
            handleComplete(clean && m_parser.keepAlive());
            return;
        }
    }
}

void LeanHttpTransport::handleComplete(bool reusable)
{
    if (!reusable)
        dropConnection();
    if (m_following && followRedirect())
        return;
    HttpOutcome outcome;
    outcome.status = m_parser.status();
    outcome.headers = m_parser.headers();
    outcome.body = m_parser.takeBody();
    finish(std::move(outcome));
}

bool LeanHttpTransport::followRedirect()
{
    if (++m_redirects >= RedirectHeaders::MaxRedirects) {
        fail(ErrorClass::Other, QStringLiteral("stopped after %1 redirects").arg(RedirectHeaders::MaxRedirects));
        return true;
    }
    const QUrl next = m_target.resolved(QUrl::fromEncoded(m_parser.header("Location")));
    if (next.scheme() != QLatin1String("http")) {
        fail(ErrorClass::Other,
             QStringLiteral("redirected to %1: the lean transport follows http:// only "
                            "(set `transport: qnam` on this endpoint)")
                 .arg(next.toString(QUrl::RemoveUserInfo)));
        return true;
    }
    if (!RedirectHeaders::staysPost(m_parser.status()))
        m_post = false;
    m_redirectHeaders.redirect(m_target, next);
    m_target = next;
    send();
    return true;
}

void LeanHttpTransport::handleConnectionLost()
{
    QTcpSocket *socket = m_socket;
    const bool wasBusy = m_busy;
    if (!wasBusy) {
        m_connected = false;
        return;
    }
    // Whatever the receiver sent before closing is still buffered: read it first.
    if (socket && socket->bytesAvailable() > 0) {
        handleReadyRead();
        if (!m_busy || m_socket != socket)
            return;
    }
    m_connected = false;
    if (m_parser.anyByteSeen()) {
        // A response framed by the close completes now; anything else was cut short.
        const bool hadHeaders = m_parser.state() == HttpResponseParser::State::HeadersDone;
        if (m_parser.feedEof() == HttpResponseParser::State::Complete) {
            m_following = isRedirect(m_parser.status()) && !m_parser.header("Location").isEmpty();
            handleComplete(false);
        } else if (hadHeaders && !m_following) {
            // The status had arrived; Go's client returns there, so a body cut short does not
            // undo it. The log keeps what came.
            dropConnection();
            HttpOutcome outcome;
            outcome.status = m_parser.status();
            outcome.headers = m_parser.headers();
            outcome.body = m_parser.takeBody();
            finish(std::move(outcome));
        } else {
            fail(ErrorClass::Reset, m_parser.errorText());
        }
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
    outcome.note = m_redirectHeaders.note();
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
