#include "core/transport/gzipbody.h"

#include <zlib.h>

namespace hookscope {

bool GzipBody::isGzip(const QByteArray &contentEncoding)
{
    return contentEncoding.trimmed().compare("gzip", Qt::CaseInsensitive) == 0;
}

GzipBody::Decoded GzipBody::decode(const QByteArray &gzip, qsizetype limit)
{
    Decoded out;
    z_stream stream{};
    // 16 + MAX_WBITS: a gzip header and trailer, not a bare zlib stream.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        out.error = QStringLiteral("gzip: cannot start the decoder");
        return out;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gzip.constData()));
    stream.avail_in = uInt(gzip.size());
    constexpr qsizetype Step = 16 * 1024;
    int status = Z_OK;
    while (status == Z_OK && out.text.size() < limit) {
        const qsizetype before = out.text.size();
        const qsizetype room = qMin(Step, limit - before);
        out.text.resize(before + room);
        stream.next_out = reinterpret_cast<Bytef *>(out.text.data() + before);
        stream.avail_out = uInt(room);
        status = inflate(&stream, Z_NO_FLUSH);
        out.text.resize(before + room - qsizetype(stream.avail_out));
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break;   // the input ended mid-stream: what came so far is the answer
    }
    if (status == Z_STREAM_END)
        out.complete = true;
    else if (status != Z_OK && status != Z_BUF_ERROR)
        out.error = QStringLiteral("gzip: %1").arg(QString::fromLatin1(stream.msg ? stream.msg : "corrupt stream"));
    inflateEnd(&stream);
    return out;
}

} // namespace hookscope
