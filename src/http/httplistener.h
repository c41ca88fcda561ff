#pragma once

#include "http/httpserver.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>

namespace hookscope {

// What every listener is configured with, whatever it serves (IngestOptions, AdminOptions).
struct ListenerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;             // 0: any free port (tests)
    int requestTimeoutMs = 10000;
    QStringList allowedHosts;     // Host names answered besides loopback (421 otherwise)
};

// An HttpServer bound to one configured address and port, started and stopped as a whole: what the
// ingest and admin listeners share. It exists so that both answer start/stop/port/listenAddress
// the same way (the same error text, the same "empty when not listening") and defend against DNS
// rebinding alike, instead of each wiring its own HttpServer. Subclasses install their handler on
// httpServer().
class HttpListener : public QObject
{
    Q_OBJECT
public:
    // options.checkHost is always set: a page in the operator's browser must not be able to
    // reach a listener through a rebound name (421 unless the Host is the listen address, a
    // loopback name or one of options.allowedHosts; see HostCheck).
    HttpListener(HttpServerOptions options, const QHostAddress &address, quint16 port,
                 QObject *parent = nullptr);
    // Address, port, request timeout and allowed hosts from `listener`; the rest from `options`.
    HttpListener(HttpServerOptions options, const ListenerOptions &listener, QObject *parent = nullptr);
    ~HttpListener() override;

    // Listens on the configured address; false (with the socket's reason in `error`) when it
    // cannot, e.g. the port is taken. Port 0 picks a free port (see port()).
    bool start(QString *error = nullptr) { return m_server->listen(m_address, m_port, error); }
    void stop() { m_server->close(); }
    bool isListening() const { return m_server->isListening(); }
    quint16 port() const { return m_server->serverPort(); }   // the bound port; 0 when not listening
    // "127.0.0.1:5051", "[::1]:5051"; empty when not listening.
    QString listenAddress() const { return m_server->listenAddress(); }

protected:
    HttpServer *httpServer() const { return m_server; }

private:
    QHostAddress m_address;
    quint16 m_port = 0;
    HttpServer *m_server = nullptr;
};

} // namespace hookscope
