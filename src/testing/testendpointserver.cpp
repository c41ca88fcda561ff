#include "testing/testendpointserver.h"

#include "http/httprequest.h"
#include "http/httpresponder.h"
#include "http/httpresponse.h"
#include "http/httpserver.h"
#include "testing/testendpoint.h"

#include <QPointer>
#include <QRegularExpression>
#include <QThread>

namespace hookscope {

using namespace Qt::StringLiterals;

TestEndpointServer::TestEndpointServer(QObject *parent)
    : QObject(parent)
    , m_server(new HttpServer(this))
{
    m_server->setHandler([this](const HttpRequest &request, HttpResponder responder) {
        const QString prefix = u"/t/"_s;
        const QString path = request.path();
        TestEndpoint *endpoint = nullptr;
        if (path.startsWith(prefix)) {
            const QMutexLocker lock(&m_mutex);
            endpoint = find(path.mid(prefix.size()));
        }
        if (!endpoint) {
            responder.respond(HttpResponse::error(404, u"no test endpoint at "_s + path));
            return;
        }
        endpoint->handle(request, responder);
    });
}

TestEndpointServer::~TestEndpointServer()
{
    const QMutexLocker lock(&m_mutex);
    qDeleteAll(m_endpoints);
    m_endpoints.clear();
}

bool TestEndpointServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_server->listen(address, port, error))
        return false;
    m_address = address;
    const QMutexLocker lock(&m_mutex);
    for (TestEndpoint *endpoint : std::as_const(m_endpoints)) {
        if (!endpoint->hasOwnPort())
            endpoint->setUrl(QUrl(u"http://%1:%2/t/%3"_s.arg(m_address.toString())
                                      .arg(m_server->serverPort())
                                      .arg(endpoint->name())));
    }
    return true;
}

void TestEndpointServer::close()
{
    m_server->close();
    const QMutexLocker lock(&m_mutex);
    qDeleteAll(m_endpoints);   // own-port listeners close with their endpoint
    m_endpoints.clear();
}

bool TestEndpointServer::isListening() const
{
    return m_server->isListening();
}

quint16 TestEndpointServer::port() const
{
    return m_server->serverPort();
}

bool TestEndpointServer::isValidName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._-]{1,64}$"_s);
    return pattern.match(name).hasMatch() && name != u"."_s && name != u".."_s;
}

bool TestEndpointServer::addEndpoint(const QString &name, const TestEndpointBehaviour &behaviour,
                                     QString *error)
{
    return addEndpointImpl(name, behaviour, false, 0, error);
}

bool TestEndpointServer::addEndpointOnOwnPort(const QString &name,
                                              const TestEndpointBehaviour &behaviour, quint16 port,
                                              QString *error)
{
    return addEndpointImpl(name, behaviour, true, port, error);
}

bool TestEndpointServer::addEndpointImpl(const QString &name, const TestEndpointBehaviour &behaviour,
                                         bool ownPort, quint16 port, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!isValidName(name))
        return fail(u"test endpoint name \"%1\" is not a path segment ([A-Za-z0-9._-])"_s.arg(name));
    const QString problem = behaviour.validate();
    if (!problem.isEmpty())
        return fail(u"test endpoint %1: %2"_s.arg(name, problem));
    if (hasEndpoint(name))
        return fail(u"test endpoint %1 already exists"_s.arg(name));

    auto *endpoint = new TestEndpoint(name, behaviour, this);
    endpoint->setRecentLimit(m_recentLimit);
    if (ownPort) {
        QString listenError;
        if (!endpoint->listenOwnPort(m_address, port, &listenError)) {
            delete endpoint;
            return fail(u"test endpoint %1: cannot listen on %2:%3: %4"_s.arg(
                name, m_address.toString(), QString::number(port), listenError));
        }
        endpoint->setUrl(QUrl(u"http://%1:%2/t/%3"_s.arg(m_address.toString())
                                  .arg(endpoint->ownPort())
                                  .arg(name)));
    } else if (m_server->isListening()) {
        endpoint->setUrl(QUrl(u"http://%1:%2/t/%3"_s.arg(m_address.toString())
                                  .arg(m_server->serverPort())
                                  .arg(name)));
    }
    const QMutexLocker lock(&m_mutex);
    m_endpoints.append(endpoint);
    return true;
}

bool TestEndpointServer::removeEndpoint(const QString &name)
{
    TestEndpoint *endpoint = nullptr;
    {
        const QMutexLocker lock(&m_mutex);
        endpoint = find(name);
        if (!endpoint)
            return false;
        m_endpoints.removeOne(endpoint);
    }
    delete endpoint;
    return true;
}

QStringList TestEndpointServer::endpointNames() const
{
    const QMutexLocker lock(&m_mutex);
    QStringList names;
    for (const TestEndpoint *endpoint : m_endpoints)
        names.append(endpoint->name());
    return names;
}

bool TestEndpointServer::hasEndpoint(const QString &name) const
{
    const QMutexLocker lock(&m_mutex);
    return find(name) != nullptr;
}

QUrl TestEndpointServer::url(const QString &name) const
{
    const QMutexLocker lock(&m_mutex);
    const TestEndpoint *endpoint = find(name);
    return endpoint ? endpoint->snapshot().url : QUrl();
}

TestEndpoint *TestEndpointServer::find(const QString &name) const
{
    for (TestEndpoint *endpoint : m_endpoints) {
        if (endpoint->name() == name)
            return endpoint;
    }
    return nullptr;
}

TestEndpoint *TestEndpointServer::findLocked(const QString &name) const
{
    const QMutexLocker lock(&m_mutex);
    return find(name);
}

template<typename Fn>
void TestEndpointServer::onOwnThread(Fn fn)
{
    if (QThread::currentThread() == thread())
        fn();
    else
        QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

bool TestEndpointServer::setBehaviour(const QString &name, const TestEndpointBehaviour &behaviour,
                                      QString *error)
{
    const QString problem = behaviour.validate();
    if (!problem.isEmpty() || !hasEndpoint(name)) {
        if (error)
            *error = problem.isEmpty() ? u"no test endpoint %1"_s.arg(name)
                                       : u"test endpoint %1: %2"_s.arg(name, problem);
        return false;
    }
    // Timers and listeners belong to the endpoint's thread, so the change is applied there.
    onOwnThread([this, name, behaviour] {
        // Endpoints are only deleted on this thread, so the pointer outlives the lock; not holding
        // it while listeners open and close keeps snapshot() readers from waiting on that.
        if (TestEndpoint *endpoint = findLocked(name))
            endpoint->setBehaviour(behaviour);
    });
    return true;
}

template<typename T, typename Read>
std::optional<T> TestEndpointServer::readEndpoint(const QString &name, Read read) const
{
    const QMutexLocker lock(&m_mutex);
    const TestEndpoint *endpoint = find(name);
    if (!endpoint)
        return std::nullopt;
    return read(*endpoint);
}

std::optional<TestEndpointBehaviour> TestEndpointServer::behaviour(const QString &name) const
{
    return readEndpoint<TestEndpointBehaviour>(
        name, [](const TestEndpoint &endpoint) { return endpoint.behaviour(); });
}

bool TestEndpointServer::restartSchedule(const QString &name)
{
    if (!hasEndpoint(name))
        return false;
    onOwnThread([this, name] {
        if (TestEndpoint *endpoint = findLocked(name))
            endpoint->restartSchedule();
    });
    return true;
}

bool TestEndpointServer::resetStats(const QString &name)
{
    const QMutexLocker lock(&m_mutex);
    TestEndpoint *endpoint = find(name);
    if (!endpoint)
        return false;
    endpoint->resetStats();   // only touches state under the endpoint's own mutex
    return true;
}

void TestEndpointServer::setRecentLimit(int limit)
{
    const QMutexLocker lock(&m_mutex);
    m_recentLimit = qMax(0, limit);
    for (TestEndpoint *endpoint : std::as_const(m_endpoints))
        endpoint->setRecentLimit(m_recentLimit);
}

QList<TestEndpointStats> TestEndpointServer::snapshot() const
{
    const QMutexLocker lock(&m_mutex);
    QList<TestEndpointStats> result;
    result.reserve(m_endpoints.size());
    for (const TestEndpoint *endpoint : m_endpoints)
        result.append(endpoint->snapshot());
    return result;
}

std::optional<TestEndpointStats> TestEndpointServer::stats(const QString &name) const
{
    return readEndpoint<TestEndpointStats>(
        name, [](const TestEndpoint &endpoint) { return endpoint.snapshot(); });
}

qint64 TestEndpointServer::missing(const QString &name, const QString &stream,
                                   quint64 lastSentSeq) const
{
    const QMutexLocker lock(&m_mutex);
    const TestEndpoint *endpoint = find(name);
    return endpoint ? endpoint->missing(stream, lastSentSeq) : qint64(lastSentSeq);
}

void TestEndpointServer::noteSent(const QString &stream, quint64 highestSeq, const QString &name)
{
    const QMutexLocker lock(&m_mutex);
    for (TestEndpoint *endpoint : std::as_const(m_endpoints)) {
        if (name.isEmpty() || endpoint->name() == name)
            endpoint->noteSent(stream, highestSeq);
    }
}

} // namespace hookscope
