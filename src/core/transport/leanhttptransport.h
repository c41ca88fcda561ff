#pragma once

#include "core/base/clock.h"
#include "core/transport/httpresponseparser.h"
#include "core/transport/httptransport.h"
#include "core/transport/redirectheaders.h"

#include <QAbstractSocket>
#include <QObject>

class QTcpSocket;

namespace hookscope {

// HTTP/1.1 over one persistent QTcpSocket (TCP_NODELAY) per endpoint, for http:// URLs: the request
// head is built into a reused buffer and written with the body in one go, the response is read by
// HttpResponseParser. A tenth of QNAM's CPU per POST.
//
// Connection rules: a response with "Connection: close" (or HTTP/1.0 without keep-alive), bytes
// after a response, or a receiver closing the idle connection all mean the next request opens a
// new one. A kept-alive connection that fails before any response byte is an Error for that attempt
// and is never silently re-sent (the retrying sink decides, and counts it). Redirects are followed as
// Go's client does (307/308 re-POST, 301/302/303 turn into a GET, at most 10), to http:// only; a
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

private:
    void send();
    void writeRequest();
    void buildHead();
    void handleReadyRead();
    void handleConnectionLost();
    void handleComplete(bool reusable);
    bool followRedirect();
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
    bool m_reused = false;         // this exchange went out on a connection that served one before
    bool m_connected = false;
    QString m_host;
    quint16 m_port = 0;
    int m_connectionsOpened = 0;
    Clock &m_clock;
    qint64 m_idleSinceMs = -1;     // when the last exchange ended (m_clock); -1: none yet
    // The request head up to (not including) Content-Length, cached per target and headers.
    QByteArray m_headPrefix;
    quint64 m_headGeneration = ~quint64(0);
    QUrl m_headUrl;
    bool m_headPost = true;
    bool m_headDropped = false;    // the cached head left out credentials after a cross-host redirect
    QByteArray m_out;              // head + body of the request in flight, capacity reused
    QByteArray m_in;               // read buffer, capacity reused
};

} // namespace hookscope
