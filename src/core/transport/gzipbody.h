#pragma once

#include <QByteArray>
#include <QString>

namespace hookscope {

// The attempt log's view of a gzip response body. Go's transport asks for gzip
// (Accept-Encoding: gzip) and decodes the answer transparently; the registry never reads it, so
// the bytes matter only to the operator reading the log, who wants the text, not the gzip stream.
// zlib (the library Qt itself links) does the work.
class GzipBody
{
public:
    struct Decoded
    {
        QByteArray text;        // at most `limit` bytes
        bool complete = false;  // the whole stream was decoded (and fitted)
        QString error;          // why decoding stopped early, e.g. "gzip: invalid block type"
    };
    // Decodes as much of `gzip` as it can: a stream cut short (a body still arriving, or capped
    // by the capture limit) gives what it held so far, without an error.
    static Decoded decode(const QByteArray &gzip, qsizetype limit);
    // The response said Content-Encoding: gzip (alone; "gzip, br" is not Go's to decode either).
    static bool isGzip(const QByteArray &contentEncoding);
};

} // namespace hookscope
