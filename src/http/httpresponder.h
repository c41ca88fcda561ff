#pragma once

#include "httpresponse.h"

#include <QPointer>

namespace hookscope {

class HttpConnection;

// A copyable handle to answer one request, now or later (after a timer, a queued engine call...).
// Every method is safe to call after the client went away or the server was destroyed: it then
// does nothing. Only the first of respond/closeWithoutResponse/reset counts. Use it on the thread
// the server lives on.
class HttpResponder
{
public:
    HttpResponder() = default;

    void respond(const HttpResponse &response) const;
    // Close the connection without answering: the client sees a clean EOF.
    void closeWithoutResponse() const;
    // Abort the connection with a TCP RST (SO_LINGER 0): the client sees ECONNRESET.
    void reset() const;
    // Never answer. The connection stays open until the client gives up; requests pipelined behind
    // this one are never served. (Nothing to do: the method exists so that intent is explicit.)
    void hang() const;

    // False once answered, or when the connection is gone.
    bool isPending() const;
    int connectionId() const { return m_connectionId; }

private:
    friend class HttpConnection;
    HttpResponder(HttpConnection *connection, quint64 sequence, int connectionId);

    QPointer<HttpConnection> m_connection;
    quint64 m_sequence = 0;
    int m_connectionId = 0;
};

} // namespace hookscope
