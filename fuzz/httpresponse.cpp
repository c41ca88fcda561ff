// Fuzzes the client side: what a receiver answers to our POST, read by HttpResponseParser the way
// LeanHttpTransport reads it (feed each read; stop at Error or Complete; at EOF, feedEof()).
// Receivers are not trusted: a hostile or broken one must never crash the dispatcher.
//
// Invariants, beyond "no crash, no sanitizer report":
// - Any split of the bytes gives the same result (the parser's own contract): fed at once, one
//   byte at a time and in pieces of input-derived sizes, the state is the same, with and without
//   the end of the stream; so is what the transport reads in that state (with a status: status,
//   headers, kept body, body bytes seen, keep-alive, bytes consumed; while still reading: the
//   bytes consumed).
// - The kept body is the first min(seen, limit) bytes; consumed() never exceeds what was fed;
//   a Complete response is final (101 or 2xx..9xx: interim 1xx are skipped), 101 never kept
//   alive, and feeding more consumes nothing; reset() makes the parser read the same bytes the same way again.

#include "fuzzcheck.h"

#include "core/transport/httpresponseparser.h"

#include <cstdint>
#include <vector>

using namespace hookscope;

namespace {

using State = HttpResponseParser::State;

constexpr qsizetype BodyLimit = 64;   // small, so the fuzzer reaches the capture limit

struct Outcome
{
    State state = State::Reading;
    int status = 0;
    HeaderList headers;
    QByteArray body;
    qint64 bodySeen = 0;
    bool keepAlive = false;
    qsizetype consumed = 0;   // bytes the parser took, over every feed
    // What the transport uses of each state: after an error only the error; while reading, what
    // was consumed; with a status, everything.
    bool operator==(const Outcome &o) const
    {
        if (state != o.state)
            return false;
        if (state == State::Error)
            return true;
        if (state == State::Reading)
            return consumed == o.consumed;
        return status == o.status && headers == o.headers && body == o.body
               && bodySeen == o.bodySeen && keepAlive == o.keepAlive && consumed == o.consumed;
    }
};

Outcome snapshot(const HttpResponseParser &parser, qsizetype consumed)
{
    return {parser.state(), parser.status(), parser.headers(), parser.body(),
            parser.bodyBytesSeen(), parser.keepAlive(), consumed};
}

// Feeds `bytes` in the given piece sizes (cycled) as the transport does.
Outcome run(HttpResponseParser &parser, const QByteArray &bytes, const std::vector<qsizetype> &pieces,
            bool eof)
{
    qsizetype at = 0;
    qsizetype consumed = 0;
    size_t k = 0;
    while (at < bytes.size()) {
        const qsizetype n = qMin(pieces[k++ % pieces.size()], bytes.size() - at);
        const State state = parser.feed(bytes.constData() + at, n);
        FUZZ_CHECK(parser.consumed() >= 0 && parser.consumed() <= n, "consumed() within the feed");
        consumed += parser.consumed();
        at += n;
        if (state == State::Error || state == State::Complete)
            break;
    }
    if (eof)
        parser.feedEof();
    const Outcome outcome = snapshot(parser, consumed);
    FUZZ_CHECK(outcome.body.size() == qMin<qint64>(outcome.bodySeen, BodyLimit),
               "the kept body is the first min(seen, limit) bytes");
    if (outcome.state == State::Complete) {
        FUZZ_CHECK((outcome.status >= 200 || outcome.status == 101) && outcome.status <= 999,
                   "a complete response is final");
        FUZZ_CHECK(outcome.status != 101 || !outcome.keepAlive, "101 is never kept alive");
        FUZZ_CHECK(consumed <= bytes.size(), "never more consumed than fed");
        const State after = parser.feed("HTTP/1.1 200 OK\r\n\r\n", 19);
        FUZZ_CHECK(after == State::Complete && parser.consumed() == 0,
                   "after Complete, further bytes are not consumed");
    }
    if (outcome.state == State::HeadersDone)
        FUZZ_CHECK(outcome.status >= 200 || outcome.status == 101, "HeadersDone is a final head");
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    // Input-derived piece sizes, so the fuzzer also explores where the reads split.
    std::vector<qsizetype> pieces;
    for (qsizetype i = 0; i < qMin<qsizetype>(bytes.size(), 8); ++i)
        pieces.push_back(1 + uchar(bytes[i]) % 23);
    if (pieces.empty())
        pieces.push_back(1);

    for (const bool eof : {false, true}) {
        HttpResponseParser whole(BodyLimit);
        const Outcome reference = run(whole, bytes, {qMax<qsizetype>(1, bytes.size())}, eof);
        HttpResponseParser single(BodyLimit);
        FUZZ_CHECK(run(single, bytes, {1}, eof) == reference, "one byte at a time == all at once");
        HttpResponseParser split(BodyLimit);
        FUZZ_CHECK(run(split, bytes, pieces, eof) == reference, "any split == all at once");
        // The transport reuses one parser per connection: reset() must forget everything.
        split.reset();
        FUZZ_CHECK(run(split, bytes, {qMax<qsizetype>(1, bytes.size())}, eof) == reference,
                   "reset() starts afresh");
    }
    return 0;
}
