#include "fakehttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

namespace hookscope {

QByteArray FakeHttpServer::Received::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

FakeHttpServer::FakeHttpServer(QObject *parent)
    : FakeHttpServer(HttpServerOptions(), parent)
{
}

FakeHttpServer::FakeHttpServer(const HttpServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_server(new HttpServer(options, this))
{
    m_clock.start();
    m_server->setHandler([this](const HttpRequest &request, HttpResponder responder) {
        handle(request, responder);
    });
    QString error;
    if (!m_server->listen(QHostAddress::LocalHost, 0, &error))
        qWarning("FakeHttpServer: cannot listen: %s", qPrintable(error));
}

QUrl FakeHttpServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

void FakeHttpServer::enqueue(const QList<FakeStep> &steps)
{
    for (const FakeStep &step : steps)
        m_script.enqueue(step);
}

bool FakeHttpServer::waitForRequests(int n, int timeoutMs)
{
    return QTest::qWaitFor([this, n] { return requestCount() >= n; }, timeoutMs);
}

void FakeHttpServer::handle(const HttpRequest &request, HttpResponder responder)
{
    Received received;
    received.method = request.method();
    received.path = request.target();
    received.headers = request.headers();
    received.body = request.body();
    received.atMs = m_clock.elapsed();
    received.connectionId = request.connectionId();
    m_received.append(received);
    Q_EMIT requestReceived(int(m_received.size()) - 1);

    const FakeStep step = m_script.isEmpty() ? m_defaultStep : m_script.dequeue();
    if (step.delayMs <= 0 || step.action == FakeStep::Hang) {
        perform(step, responder);
        return;
    }
    // The responder is a weak handle: if the client or this server is gone by then, it is a no-op.
    QTimer::singleShot(step.delayMs, this, [step, responder] { perform(step, responder); });
}

void FakeHttpServer::perform(const FakeStep &step, const HttpResponder &responder)
{
    switch (step.action) {
    case FakeStep::Respond: {
        HttpResponse response(step.status, step.body);
        for (const auto &header : step.headers)
            response.addHeader(header.first, header.second);
        responder.respond(response);
        break;
    }
    case FakeStep::Hang:
        responder.hang();
        break;
    case FakeStep::Close:
        responder.closeWithoutResponse();
        break;
    case FakeStep::Reset:
        responder.reset();
        break;
    }
}

QList<QByteArray> FakeHttpServer::eventIds(const QByteArray &path) const
{
    QList<QByteArray> ids;
    for (const Received &r : m_received) {
        if (!path.isEmpty() && r.path != path)
            continue;
        ids += r.eventIds();
    }
    return ids;
}

QList<QByteArray> FakeHttpServer::Received::eventIds() const
{
    QList<QByteArray> ids;
    const QJsonArray events = QJsonDocument::fromJson(body).object().value(QLatin1String("events")).toArray();
    for (const QJsonValue &e : events)
        ids.append(e.toObject().value(QLatin1String("id")).toString().toUtf8());
    return ids;
}

} // namespace hookscope
