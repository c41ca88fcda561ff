#include "http/httpresponder.h"

#include "http/httpconnection.h"

namespace hookscope {

HttpResponder::HttpResponder(HttpConnection *connection, quint64 sequence, int connectionId)
    : m_connection(connection)
    , m_sequence(sequence)
    , m_connectionId(connectionId)
{
}

void HttpResponder::respond(const HttpResponse &response) const
{
    if (m_connection)
        m_connection->respond(m_sequence, response);
}

void HttpResponder::respondSlowly(const HttpResponse &response, int chunkBytes,
                                  int chunkIntervalMs) const
{
    if (m_connection)
        m_connection->respondSlowly(m_sequence, response, chunkBytes, chunkIntervalMs);
}

void HttpResponder::writeRaw(const QByteArray &bytes) const
{
    if (m_connection)
        m_connection->writeRaw(m_sequence, bytes);
}

void HttpResponder::closeWithoutResponse() const
{
    if (m_connection)
        m_connection->closeWithoutResponse(m_sequence);
}

void HttpResponder::reset() const
{
    if (m_connection)
        m_connection->reset(m_sequence);
}

void HttpResponder::hang() const
{
}

bool HttpResponder::isPending() const
{
    return m_connection && m_connection->isAwaiting(m_sequence);
}

} // namespace hookscope
