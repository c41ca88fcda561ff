#pragma once

#include "core/transport/httptransport.h"
#include "core/transport/redirectheaders.h"

#include <QObject>
#include <QNetworkReply>
#include <QPointer>

class QNetworkAccessManager;


namespace hookscope {

// The exchange through QNetworkAccessManager: https, HTTP/1.1 with Qt's connection pool, redirects
// followed as Go does (307/308 re-POST, 301/302/303 turn into a GET, at most 10, never https to
// http). Redirects are followed here, not by Qt: Qt 6.4 re-sends every raw header, Authorization and
// Cookie included, to whatever host a Location names, and offers no way to change a redirected
// request's headers; a hop to another host drops the credentials (RedirectHeaders). About 0.3-0.4 ms of
// CPU per POST, and Qt re-sends a request once when a kept-alive connection drops before any
// response byte, so LeanHttpTransport is used for http:// URLs unless an endpoint asks for this one.
class QnamHttpTransport final : public QObject, public HttpTransport
{
    Q_OBJECT
public:
    explicit QnamHttpTransport(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~QnamHttpTransport() override;

    void start(const HttpRequestSpec &request, Finished finished) override;
    HttpOutcome stop() override;
    bool busy() const override { return m_reply != nullptr; }

private:
    void send();
    bool followRedirect(QNetworkReply *reply);
    void finish(HttpOutcome outcome);
    void handleFinished();
    HttpOutcome takeOutcome(QNetworkReply *reply);

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    Finished m_finished;
    HttpRequestSpec m_spec;
    QUrl m_target;                        // where this exchange currently goes (changes on redirects)
    bool m_post = true;                   // false after a 301/302/303 turned the request into a GET
    int m_redirects = 0;
    RedirectHeaders m_redirectHeaders;
};

} // namespace hookscope
