#pragma once

#include "core/base/attemptrecord.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace hookscope {

// Reads HTTP/1.1 responses off a client connection with Debian's libhttp-parser (the parser the
// server side in src/http uses). Kept behind this class so the C library is a private detail of
// hookscope_core. Each status line is first held to Go's net/http.ReadResponse rules (a code of
// exactly three characters, HTTP/X.Y), so a line Go refuses is an Error here too. Interim 1xx
// responses (100 Continue, 102, 103) are skipped, at most 5 as in Go's client: only the final
// response's status, headers and body are reported. 101 Switching Protocols is final (as in Go's
// client) and never keep-alive. Only the first `bodyLimit` body bytes are kept; the rest is parsed
// and dropped so the connection stays usable.
class HttpResponseParser
{
public:
    enum class State { Reading, HeadersDone, Complete, Error };

    explicit HttpResponseParser(qsizetype bodyLimit = AttemptRecord::BodyCaptureLimit);
    ~HttpResponseParser();
    HttpResponseParser(const HttpResponseParser &) = delete;
    HttpResponseParser &operator=(const HttpResponseParser &) = delete;

    // Forget the previous exchange; `headRequest` tells the parser a body cannot follow.
    void reset();
    // Feeds bytes; returns the state after them. Bytes after a complete response are not consumed
    // (a receiver must not send them: the caller treats them as a broken connection).
    State feed(const char *data, qsizetype size);
    // The peer closed the connection: completes a response framed by the close, or fails.
    State feedEof();

    State state() const { return m_state; }
    bool anyByteSeen() const { return m_anyByte; }
    // The final response's status line and headers are in (whatever happened to the body since).
    bool headersDone() const { return m_headersDone; }
    int status() const { return m_status; }
    const HeaderList &headers() const { return m_headers; }
    QByteArray header(const QByteArray &name) const;   // first value, case-insensitive name
    const QByteArray &body() const { return m_body; }
    QByteArray takeBody() { return std::exchange(m_body, {}); }
    qint64 bodyBytesSeen() const { return m_bodySeen; }
    // After Complete: whether the connection may carry the next request (HTTP/1.1 without
    // "Connection: close", or HTTP/1.0 with keep-alive).
    bool keepAlive() const { return m_keepAlive; }
    qsizetype consumed() const { return m_consumed; }   // bytes of the last feed() that were used
    QString errorText() const { return m_error; }

private:
    // Holds back and judges (Go's rules) the status line at data; -1: Error.
    qsizetype takeStatusLine(const char *data, qsizetype size);
    bool checkParserError();   // false (and Error) when libhttp-parser stopped on an error

    struct Parser;
    friend struct Parser;

    std::unique_ptr<Parser> m_parser;
    qsizetype m_bodyLimit;
    State m_state = State::Reading;
    bool m_anyByte = false;
    bool m_interim = false;          // parsing a 1xx response
    int m_interimCount = 0;
    bool m_headersDone = false;
    bool m_statusLinePending = true; // the next bytes start a status line feed() has not checked
    QByteArray m_statusLine;         // a status line split across feeds, so far
    bool m_lastWasValue = false;
    int m_status = 0;
    HeaderList m_headers;
    QByteArray m_body;
    qint64 m_bodySeen = 0;
    bool m_keepAlive = false;
    qsizetype m_consumed = 0;
    QString m_error;
};

} // namespace hookscope
