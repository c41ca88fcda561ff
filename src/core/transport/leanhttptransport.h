#pragma once

#include "core/base/clock.h"
#include "core/transport/httpresponseparser.h"
#include "core/transport/httptransport.h"
#include "core/transport/redirectheaders.h"
#include "core/transport/tlsfailure.h"

#include <QAbstractSocket>
#include <QObject>

#include <memory>
#include <optional>

class QTcpSocket;

namespace hookscope {

// HTTP/1.1 over one persistent QTcpSocket (TCP_NODELAY) per endpoint, a QSslSocket for https://
// (the endpoint's TlsClientSettings: roots, client certificate, name, insecure): the request
// head is built into a reused buffer and written with the body in one go, the response is read by
// HttpResponseParser. A tenth of QNAM's CPU per POST. The request's lines are Go's
// (GoRequestHeaders: User-Agent, Content-Length, the rest sorted, Accept-Encoding: gzip; Referer on
// each redirect hop).
//
// The result is decided at the final response's headers, as Go's client returns there and the
// registry never reads the body: the outcome is reported at once with the body bytes that came with
// the headers. A body still arriving is read on, for the attempt log only (BodyTail), until its
// end or BodyTailMs; the connection is reused only when the body ended cleanly before the next
// request, otherwise it is closed, never read past by the next exchange.
//
// Connection rules: a response with "Connection: close" (or HTTP/1.0 without keep-alive), bytes
// after a response, or a receiver closing the idle connection all mean the next request opens a
// new one. A kept-alive connection that fails before any response byte is an Error for that attempt
// and is never silently re-sent (the retrying sink decides, and counts it). Redirects are followed as
// Go's client does (307/308 re-POST, 301/302/303 turn into a GET, at most 10); a
// redirect to another host drops the credentials (RedirectHeaders) and the outcome's note says so.
class LeanHttpTransport final : public QObject, public HttpTransport
{
    Q_OBJECT
public:
    // `clock` measures how long the connection sat idle (HttpSink hands down its own).
    explicit LeanHttpTransport(QObject *parent = nullptr, Clock &clock = Clock::system());
    ~LeanHttpTransport() override;

    void start(const HttpRequestSpec &request, Finished finished) override;
    HttpOutcome stop() override;
    bool busy() const override { return m_busy; }

    // For tests and the bench: connections opened so far.
    int connectionsOpened() const { return m_connectionsOpened; }

    // How long a body that trails its headers is read on for the log.
    static constexpr qint64 BodyTailMs = 1000;
    // Go's client reads at most this much of a redirect's body before it follows (to reuse the
    // connection); past it the connection is closed and the redirect followed at once.
    static constexpr qint64 RedirectBodySlurp = 2 << 10;

private:
    void send();
    void writeRequest();
    void buildHead();
    void handleReadyRead();
    void advance(HttpResponseParser::State state, bool clean);
    void handleConnectionLost();
    void handleComplete(bool reusable);
    void reportAtHeaders();
    void endTail(bool reusable, const QString &note);
    void followRedirect();
    void fail(ErrorClass errorClass, const QString &text);
    void finish(HttpOutcome outcome);
    void dropConnection();
    bool peerClosedWhileIdle() const;

    QTcpSocket *m_socket;
    HttpResponseParser m_parser;
    Finished m_finished;
    HttpRequestSpec m_spec;
    RedirectHeaders m_redirectHeaders;   // what a redirect chain still sends (credentials dropped cross-host)
    QUrl m_target;                 // where this exchange currently goes (changes on redirects)
    bool m_post = true;            // false after a 301/302/303 turned the request into a GET
    int m_redirects = 0;
    bool m_following = false;      // the response being read is a redirect we will follow
    bool m_busy = false;
    bool m_draining = false;       // reported at the headers; the body is still being read for the log
    std::unique_ptr<ClockTimer> m_tailTimer;
    QByteArray m_referer;          // the previous hop's URL, on a redirect hop (Go sets Referer)
    bool m_reused = false;         // this exchange went out on a connection that served one before
    bool m_connected = false;
    QString m_host;
    quint16 m_port = 0;
    bool m_secure = false;         // the connection is a QSslSocket (https://)
    std::optional<TlsFailure> m_tlsFailure;   // what verification found, before Qt aborts
    int m_connectionsOpened = 0;
    Clock &m_clock;
    qint64 m_idleSinceMs = -1;     // when the last exchange ended (m_clock); -1: none yet
    // The request head around Content-Length (line, Host, User-Agent | the sorted headers,
    // Accept-Encoding, blank line), cached per target and headers.
    QByteArray m_headPrefix;
    QByteArray m_headSuffix;
    QByteArray m_headReferer;
    quint64 m_headGeneration = ~quint64(0);
    QUrl m_headUrl;
    bool m_headPost = true;
    bool m_headDropped = false;    // the cached head left out credentials after a cross-host redirect
    QByteArray m_out;              // head + body of the request in flight, capacity reused
    QByteArray m_in;               // read buffer, capacity reused
};

} // namespace hookscope
