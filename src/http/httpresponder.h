#pragma once

#include "http/httpresponse.h"

#include <QPointer>

namespace hookscope {

class HttpConnection;

// A copyable handle to answer one request, now or later (after a timer, a queued engine call...).
// Every method is safe to call after the client went away or the server was destroyed: it then
// does nothing. Only the first of respond/respondSlowly/writeRaw/closeWithoutResponse/reset counts. Use it on the thread
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
    // Writes the status line and headers at once, then the body `chunkBytes` at a time, one chunk
    // every `chunkIntervalMs` (the first one interval after the head): a receiver whose answer
    // trickles in. The Content-Length is the whole body's, so a client that gives up early has a
    // truncated body. Pipelined requests wait until the last chunk is written.
    // A HEAD request, or an empty body, is answered at once.
    void respondSlowly(const HttpResponse &response, int chunkBytes, int chunkIntervalMs) const;
    // Writes `bytes` verbatim instead of a response, then closes (FIN): a server that speaks
    // something other than HTTP. Nothing after it could be framed, so the connection always ends.
    void writeRaw(const QByteArray &bytes) const;
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
