#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace hookscope {

// A lossless, byte-oriented packing of compact event JSON for the in-memory queues. Valid compact
// JSON never holds a raw byte below 0x20 (JSON forbids them in strings and compact text has no
// whitespace), so those 32 byte values are free to stand for the registry's recurring keys and
// values, and to introduce packed runs of lowercase hex (digests) and UUIDs (event, request and
// instance ids). A manifest push (1,002 bytes) packs to about half. Decoding is one pass with a
// table lookup per token, done when an envelope is serialised.
//
// encode() refuses (returns a null QByteArray) input that already holds a byte below 0x20: such
// text is not compact JSON and is kept as it is by the caller, so nothing is ever ambiguous.
namespace EventCodec {

QByteArray encode(QByteArrayView compactJson);
// Appends the original bytes of `packed` (a result of encode()) to `out`.
void decodeAppend(QByteArrayView packed, QByteArray &out);
QByteArray decode(QByteArrayView packed);
// The length decode() would return, without building it.
qsizetype decodedSize(QByteArrayView packed);

} // namespace EventCodec
} // namespace hookscope
