#include "core/model/eventcodec.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <iterator>
#include <vector>

namespace hookscope::EventCodec {

namespace {

// Token bytes. 0x00-0x1C stand for Single[i]; Extended is followed by an index into Double;
// HexRun by a byte count n (1-255) and n bytes, each two lowercase hex digits; Uuid by 16 bytes
// written back as 8-4-4-4-12 lowercase hex.
constexpr unsigned char Extended = 0x1F;
constexpr unsigned char HexRun = 0x1E;
constexpr unsigned char Uuid = 0x1D;
constexpr int MinHexRun = 16;   // shorter runs gain too little to be worth a token

// Keys in the order registry 2.8.2 writes them (with the punctuation around them), then the values
// that recur in every event: the most frequent get one byte.
constexpr QByteArrayView Single[] = {
    "{\"id\":\"", "\",\"timestamp\":\"", "\",\"action\":\"", "\",\"target\":{\"mediaType\":\"",
    "\"mediaType\":\"", ",\"size\":", ",\"digest\":\"sha256:", ",\"length\":", ",\"repository\":\"",
    "\",\"url\":\"", "\",\"tag\":\"", "\",\"references\":[{", ",\"request\":{\"id\":\"", "\",\"addr\":\"",
    "\",\"host\":\"", "\",\"method\":\"", "\",\"useragent\":\"", "\"},\"actor\":{", "},\"source\":{\"addr\":\"",
    "\",\"instanceID\":\"", "application/vnd.oci.image.", "application/vnd.docker.", "manifest.v1+json",
    "http://", "/manifests/sha256:", "/blobs/sha256:", "sha256:", "push", "pull",
};
static_assert(std::size(Single) <= Uuid, "single-byte tokens must stay below the special ones");

constexpr QByteArrayView Double[] = {
    "\"action\":\"", "\"target\":{", "\"request\":{", "\"actor\":{", "\"source\":{", "\"id\":\"",
    "\"timestamp\":\"", "\"digest\":\"", "\"repository\":\"", "\"url\":\"", "\"tag\":\"", "\"name\":\"",
    "\"size\":", "\"length\":", "\"references\":[", "\"addr\":\"", "\"host\":\"", "\"method\":\"",
    "\"useragent\":\"", "\"instanceID\":\"", "\"fromRepository\":\"", "\"mediaType\":\"",
    "config.v1+json", "layer.v1.tar+gzip", "index.v1+json", "distribution.manifest.v2+json",
    "distribution.manifest.list.v2+json", "container.image.v1+json", "image.rootfs.diff.tar.gzip",
    "application/octet-stream", "application/json", "delete", "mount", "\"method\":\"PUT\"", "HEAD", "GET",
    "127.0.0.1:", "localhost:", "/v2/", "https://",
};
static_assert(std::size(Double) <= 256, "an extended token is one byte");

struct Entry
{
    QByteArrayView text;
    unsigned char code;
    bool extended;
};

// Candidates by first byte, longest first, so the greedy match takes the longest token.
const std::array<std::vector<Entry>, 256> &byFirstByte()
{
    static const std::array<std::vector<Entry>, 256> table = [] {
        std::array<std::vector<Entry>, 256> t;
        for (size_t i = 0; i < std::size(Single); ++i)
            t[uchar(Single[i].front())].push_back({Single[i], uchar(i), false});
        for (size_t i = 0; i < std::size(Double); ++i)
            t[uchar(Double[i].front())].push_back({Double[i], uchar(i), true});
        for (auto &list : t) {
            std::stable_sort(list.begin(), list.end(),
                             [](const Entry &a, const Entry &b) { return a.text.size() > b.text.size(); });
        }
        return t;
    }();
    return table;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;   // upper case is not packed: it would not come back as written
}

constexpr char HexDigits[] = "0123456789abcdef";

bool isUuidAt(QByteArrayView s, qsizetype i)
{
    if (s.size() - i < 36)
        return false;
    for (qsizetype k = 0; k < 36; ++k) {
        const char c = s[i + k];
        if (k == 8 || k == 13 || k == 18 || k == 23) {
            if (c != '-')
                return false;
        } else if (hexValue(c) < 0) {
            return false;
        }
    }
    return true;
}

char *putHexBytes(char *out, QByteArrayView hex)
{
    for (qsizetype k = 0; k + 1 < hex.size(); k += 2)
        *out++ = char(hexValue(hex[k]) << 4 | hexValue(hex[k + 1]));
    return out;
}

char *putHexText(char *out, const unsigned char *bytes, qsizetype n)
{
    for (qsizetype k = 0; k < n; ++k) {
        *out++ = HexDigits[bytes[k] >> 4];
        *out++ = HexDigits[bytes[k] & 0xF];
    }
    return out;
}

char *put(char *out, QByteArrayView text)
{
    std::memcpy(out, text.data(), size_t(text.size()));
    return out + text.size();
}

} // namespace

QByteArray encode(QByteArrayView s)
{
    for (const char c : s) {
        if (uchar(c) < 0x20)
            return {};
    }
    const auto &table = byFirstByte();
    // Every token is shorter than what it stands for, so the text's size is enough.
    QByteArray out(s.size(), Qt::Uninitialized);
    char *o = out.data();
    qsizetype i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (hexValue(c) >= 0) {
            if (isUuidAt(s, i)) {
                *o++ = char(Uuid);
                const QByteArrayView u = s.sliced(i, 36);
                for (const QByteArrayView part : {u.sliced(0, 8), u.sliced(9, 4), u.sliced(14, 4), u.sliced(19, 4),
                                                  u.sliced(24, 12)})
                    o = putHexBytes(o, part);
                i += 36;
                continue;
            }
            qsizetype run = 1;
            while (i + run < s.size() && hexValue(s[i + run]) >= 0)
                ++run;
            if (run >= MinHexRun) {
                run = qMin<qsizetype>(run & ~qsizetype(1), 510);
                *o++ = char(HexRun);
                *o++ = char(run / 2);
                o = putHexBytes(o, s.sliced(i, run));
                i += run;
                continue;
            }
        }
        bool matched = false;
        for (const Entry &entry : table[uchar(c)]) {
            if (s.size() - i >= entry.text.size()
                && std::memcmp(s.data() + i, entry.text.data(), size_t(entry.text.size())) == 0) {
                if (entry.extended)
                    *o++ = char(Extended);
                *o++ = char(entry.code);
                i += entry.text.size();
                matched = true;
                break;
            }
        }
        if (!matched) {
            *o++ = c;
            ++i;
        }
    }
    out.truncate(o - out.constData());
    out.squeeze();
    return out;
}

void decodeAppend(QByteArrayView packed, QByteArray &out)
{
    const qsizetype before = out.size();
    out.resize(before + decodedSize(packed));
    char *o = out.data() + before;
    const auto *p = reinterpret_cast<const unsigned char *>(packed.data());
    const qsizetype n = packed.size();
    qsizetype i = 0;
    while (i < n) {
        // Copy the literal stretch up to the next token in one go.
        qsizetype j = i;
        while (j < n && p[j] >= 0x20)
            ++j;
        if (j > i) {
            std::memcpy(o, p + i, size_t(j - i));
            o += j - i;
        }
        if (j >= n)
            break;
        const unsigned char token = p[j];
        i = j + 1;
        if (token == Extended) {
            if (i < n && p[i] < std::size(Double))
                o = put(o, Double[p[i]]);
            ++i;
        } else if (token == HexRun) {
            const qsizetype count = i < n ? qMin<qsizetype>(p[i], n - i - 1) : 0;
            o = putHexText(o, p + i + 1, count);
            i += 1 + count;
        } else if (token == Uuid) {
            if (n - i < 16)
                break;
            o = putHexText(o, p + i, 4);
            *o++ = '-';
            o = putHexText(o, p + i + 4, 2);
            *o++ = '-';
            o = putHexText(o, p + i + 6, 2);
            *o++ = '-';
            o = putHexText(o, p + i + 8, 2);
            *o++ = '-';
            o = putHexText(o, p + i + 10, 6);
            i += 16;
        } else if (token < std::size(Single)) {
            o = put(o, Single[token]);
        }
    }
    // decodedSize() walks the same tokens, so o ends exactly at the end; truncating guards a
    // malformed input only.
    out.truncate(o - out.constData());
}

QByteArray decode(QByteArrayView packed)
{
    QByteArray out;
    out.reserve(decodedSize(packed));
    decodeAppend(packed, out);
    return out;
}

qsizetype decodedSize(QByteArrayView packed)
{
    const auto *p = reinterpret_cast<const unsigned char *>(packed.data());
    const qsizetype n = packed.size();
    qsizetype size = 0;
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i++];
        if (c >= 0x20) {
            ++size;
        } else if (c == Extended) {
            if (i < n && p[i] < std::size(Double))
                size += Double[p[i]].size();
            ++i;
        } else if (c == HexRun) {
            const qsizetype count = i < n ? qMin<qsizetype>(p[i], n - i - 1) : 0;
            size += 2 * count;
            i += 1 + count;
        } else if (c == Uuid) {
            if (n - i < 16)
                break;
            size += 36;
            i += 16;
        } else if (c < std::size(Single)) {
            size += Single[c].size();
        }
    }
    return size;
}

} // namespace hookscope::EventCodec
